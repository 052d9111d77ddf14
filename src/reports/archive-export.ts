import { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { ReportPeriod } from '@clearance/workflow';
import { createHash } from 'node:crypto';
import { AuditEvent } from '../audit/audit-event.entity';
import { Unit } from '../auth/entities/unit.entity';
import { revisionContentHash } from '../attachments/revision-content-hash';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { Decision } from '../items/entities/decision.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { webhookIdOf } from '../publishing/delivery-payloads';
import { Delivery } from '../publishing/entities/delivery.entity';

/**
 * One published revision with its review record, for the monthly transfer to the archive (档案移交):
 * the exact text released, who decided what on which content hash, where it went, and its audit
 * events with their chain hashes, so the archive can check them against `audit:verify`.
 */
export interface ArchiveItem {
  type: 'item';
  itemId: string;
  externalId: string;
  unit: { code: string; name: string };
  revision: number;
  publishedAt: Date;
  title: string;
  body: string;
  format: string;
  contentHash: string;
  /** The hash recomputed from the stored text now: false means the stored revision was altered. */
  contentHashVerified: boolean;
  /** The released files, by content address (the hash above covers their names and SHA-256). */
  attachments: Array<{ filename: string; contentType: string; size: number; sha256: string }>;
  releases: Array<{ channel: string; deliveredAt: Date | null; webhookId: string }>;
  decisions: Array<{ level: string; decision: string; by: string; at: Date; comment: string | null; revision: number; contentHash: string }>;
  audit: Array<{ seq: number; at: Date; actor: string; action: string; fromState: string | null; toState: string | null; data: Record<string, unknown>; prevHash: string; hash: string }>;
}

export interface ArchiveManifest {
  type: 'manifest';
  unit: string;
  period: ReportPeriod;
  items: number;
  /** sha256 over every item line as written (UTF-8, each followed by "\n"): a transfer that lost or changed a line fails it. */
  sha256: string;
  generatedAt: Date;
}

/** The lines of a unit's archive for a period: one JSON item per published revision, oldest first, then the manifest. */
export async function* archiveLines(em: EntityManager, unit: Unit, period: ReportPeriod, now = new Date()): AsyncGenerator<string> {
  const unitItems = (em as unknown as SqlEntityManager).createQueryBuilder(Item, 'i').select('i.id').where({ unit: unit.id }).getKnexQuery();
  const published = await em.find(
    AuditEvent,
    { itemId: { $in: unitItems }, toState: 'published', at: { $gte: period.from, $lt: period.to } } as unknown as FilterQuery<AuditEvent>,
    { orderBy: { seq: 'asc' } },
  );
  const digest = createHash('sha256');
  for (const event of published) {
    const line = `${JSON.stringify(await archiveItem(em, unit, event))}\n`;
    digest.update(line, 'utf8');
    yield line;
  }
  const manifest: ArchiveManifest = { type: 'manifest', unit: unit.code, period, items: published.length, sha256: digest.digest('hex'), generatedAt: now };
  yield `${JSON.stringify(manifest)}\n`;
}

async function archiveItem(em: EntityManager, unit: Unit, published: AuditEvent): Promise<ArchiveItem> {
  const item = await em.findOneOrFail(Item, { id: published.itemId! });
  const number = typeof published.data.revision === 'number' ? published.data.revision : item.revision;
  const [revision, decisions, releases, audit] = await Promise.all([
    em.findOneOrFail(Revision, { item, number }, { populate: ['body'] }),
    em.find(Decision, { item }, { orderBy: { createdAt: 'asc' }, populate: ['user'] }),
    em.find(Delivery, { item, kind: 'release', revision: number, status: 'delivered' }, { orderBy: { channel: 'asc' } }),
    em.find(AuditEvent, { itemId: item.id, seq: { $lte: published.seq } }, { orderBy: { seq: 'asc' } }),
  ]);
  const files = revision.attachmentCount > 0 ? await em.getRepository(RevisionAttachment).forRevision(revision.id) : [];
  return {
    type: 'item',
    itemId: item.id,
    externalId: item.externalId,
    unit: { code: unit.code, name: unit.name },
    revision: number,
    publishedAt: published.at,
    title: revision.title,
    body: revision.body,
    format: revision.format,
    contentHash: revision.contentHash,
    contentHashVerified: (await revisionContentHash(em, revision)) === revision.contentHash,
    attachments: files.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
    releases: releases.map((d) => ({ channel: d.channel!, deliveredAt: d.deliveredAt ?? null, webhookId: webhookIdOf(d) })),
    decisions: decisions.map((d) => ({ level: d.level, decision: d.decision, by: d.user.username, at: d.createdAt, comment: d.comment ?? null, revision: d.revision, contentHash: d.contentHash })),
    audit: audit.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, fromState: e.fromState ?? null, toState: e.toState ?? null, data: e.data, prevHash: e.prevHash, hash: e.hash })),
  };
}
