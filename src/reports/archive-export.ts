import { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { ReportPeriod } from '@clearance/workflow';
import { createHash } from 'node:crypto';
import { AuditEvent } from '../audit/audit-event.entity';
import { Unit } from '../auth/entities/unit.entity';
import { User } from '../auth/entities/user.entity';
import { revisionContentHash } from '../attachments/revision-content-hash';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { Decision } from '../items/entities/decision.entity';
import { HitDisposition } from '../items/entities/hit-disposition.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
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
  /** Each with what its reviewer recorded about the hits (verified / false-positive), when anything. */
  /** `by` is the username; `byName` the display name it had at export, when one is set. */
  decisions: Array<{ level: string; decision: string; by: string; byName: string | null; at: Date; comment: string | null; revision: number; contentHash: string; dispositions: Array<{ hitId: string; ruleId: string; outcome: string; note: string | null }> }>;
  audit: Array<{ seq: number; at: Date; actor: string; action: string; fromState: string | null; toState: string | null; data: Record<string, unknown>; prevHash: string; hash: string }>;
}

/** Shared by every line about one item: who, what text, what was decided, and the audit chain up to the event. */
interface ArchiveRecord {
  itemId: string;
  externalId: string;
  unit: { code: string; name: string };
  revision: number;
  title: string;
  contentHash: string;
  decisions: ArchiveItem['decisions'];
  audit: ArchiveItem['audit'];
}

/** 撤稿: a released revision taken down, why and by whom, and each channel's recall with its outcome. */
export interface ArchiveRecall extends ArchiveRecord {
  type: 'recall';
  recalledAt: Date;
  by: string;
  /** The display name of the person behind `by` (user:<username>), when one is set. */
  byName: string | null;
  reason: string | null;
  /** The item's state after the recall: recalled, or still in review when a newer revision was. */
  state: string | null;
  recalls: Array<{ channel: string; revision: number; status: string; deliveredAt: Date | null; webhookId: string; releaseId: string | null }>;
}

export const DISPOSITIONS = ['reject', 'override', 'return', 'withhold'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * A disposition of a revision that was not (or not yet) published: a rejection at a review level, a
 * secrecy administrator's override of a block, a return from the secrecy office, or a withholding (不予公开), with the text
 * that was decided on and what the scanner had found in it.
 */
export interface ArchiveDisposition extends ArchiveRecord {
  type: 'disposition';
  disposition: Disposition;
  at: Date;
  by: string;
  byName: string | null;
  level: string | null;
  comment: string | null;
  fromState: string | null;
  toState: string | null;
  body: string;
  format: string;
  contentHashVerified: boolean;
  scan: { verdict: string; hits: Array<{ ruleId: string; category: string; severity: string; reason: string }> } | null;
}

export interface ArchiveManifest {
  type: 'manifest';
  unit: string;
  period: ReportPeriod;
  /** Published revisions (lines of type item). */
  items: number;
  recalls: number;
  dispositions: number;
  /** sha256 over every line before the manifest as written (UTF-8, each followed by "\n"): a transfer that lost or changed a line fails it. */
  sha256: string;
  generatedAt: Date;
}

type LineOf = 'item' | 'recall' | 'disposition';

/** What an audit event of the unit's items in the period is, for the archive; null for the rest. */
function lineOf(event: AuditEvent): LineOf | null {
  if (event.toState === 'published') return 'item';
  if (event.toState === 'recalled' || event.action === 'item.release_recalled') return 'recall';
  return dispositionOf(event) ? 'disposition' : null;
}

function dispositionOf(event: AuditEvent): Disposition | null {
  if (event.toState === 'rejected') return 'reject';
  const decision = event.data.decision;
  if (event.fromState === 'blocked' && decision === 'override') return 'override';
  if (event.fromState === 'referred' && decision === 'return') return 'return';
  if (event.toState === 'withheld') return 'withhold';
  return null;
}

/**
 * The lines of a unit's archive for a period, oldest first: one JSON item per published revision, one
 * recall per 撤稿, one disposition per rejection, override or return, then the manifest.
 */
export async function* archiveLines(em: EntityManager, unit: Unit, period: ReportPeriod, now = new Date()): AsyncGenerator<string> {
  const unitItems = (em as unknown as SqlEntityManager).createQueryBuilder(Item, 'i').select('i.id').where({ unit: unit.id }).getKnexQuery();
  const events = await em.find(
    AuditEvent,
    {
      itemId: { $in: unitItems },
      at: { $gte: period.from, $lt: period.to },
      $or: [{ toState: { $in: ['published', 'recalled', 'rejected', 'withheld'] } }, { fromState: { $in: ['blocked', 'referred'] } }, { action: 'item.release_recalled' }],
    } as unknown as FilterQuery<AuditEvent>,
    { orderBy: { seq: 'asc' } },
  );
  const digest = createHash('sha256');
  const counts = { item: 0, recall: 0, disposition: 0 };
  for (const event of events) {
    const kind = lineOf(event);
    if (!kind) continue;
    const record = kind === 'item' ? await archiveItem(em, unit, event) : kind === 'recall' ? await archiveRecall(em, unit, event) : await archiveDisposition(em, unit, event);
    const line = `${JSON.stringify(record)}\n`;
    counts[kind] += 1;
    digest.update(line, 'utf8');
    yield line;
  }
  const manifest: ArchiveManifest = {
    type: 'manifest', unit: unit.code, period, items: counts.item, recalls: counts.recall, dispositions: counts.disposition, sha256: digest.digest('hex'), generatedAt: now,
  };
  yield `${JSON.stringify(manifest)}\n`;
}

/** The display name behind an audit actor `user:<username>`; null for the CLI, the system, a CMS or a person without one. */
async function nameOfActor(em: EntityManager, actor: string): Promise<string | null> {
  if (!actor.startsWith('user:')) return null;
  const user = await em.findOne(User, { username: actor.slice('user:'.length) }, { fields: ['displayName'] });
  return user?.displayName ?? null;
}

const revisionOf = (event: AuditEvent, item: Item) => (typeof event.data.revision === 'number' ? event.data.revision : item.revision);

/** Every decision on the item, oldest first, each with the hit dispositions recorded with it. */
async function decisionsOf(em: EntityManager, item: Item): Promise<ArchiveItem['decisions']> {
  const [decisions, dispositions] = await Promise.all([
    em.find(Decision, { item }, { orderBy: { createdAt: 'asc' }, populate: ['user'] }),
    em.find(HitDisposition, { item }, { orderBy: { createdAt: 'asc', position: 'asc' } }),
  ]);
  return decisions.map((d) => ({
    level: d.level, decision: d.decision, by: d.user.username, byName: d.user.displayName ?? null, at: d.createdAt, comment: d.comment ?? null, revision: d.revision, contentHash: d.contentHash,
    dispositions: dispositions.filter((x) => x.decision.id === d.id).map((x) => ({ hitId: x.hitId, ruleId: x.ruleId, outcome: x.outcome, note: x.note ?? null })),
  }));
}

async function recordOf(em: EntityManager, unit: Unit, item: Item, revision: Revision, upTo: AuditEvent): Promise<ArchiveRecord> {
  const [decisions, audit] = await Promise.all([
    decisionsOf(em, item),
    em.find(AuditEvent, { itemId: item.id, seq: { $lte: upTo.seq } }, { orderBy: { seq: 'asc' } }),
  ]);
  return {
    itemId: item.id,
    externalId: item.externalId,
    unit: { code: unit.code, name: unit.name },
    revision: revision.number,
    title: revision.title,
    contentHash: revision.contentHash,
    decisions,
    audit: audit.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, fromState: e.fromState ?? null, toState: e.toState ?? null, data: e.data, prevHash: e.prevHash, hash: e.hash })),
  };
}

async function archiveRecall(em: EntityManager, unit: Unit, event: AuditEvent): Promise<ArchiveRecall> {
  const item = await em.findOneOrFail(Item, { id: event.itemId! });
  // Which releases this recall took down: named in the event since recalls may reach earlier revisions; else the event's revision.
  const named = Array.isArray(event.data.recalled) ? (event.data.recalled as Array<{ channel: string; revision: number }>) : null;
  const revisions = named ? [...new Set(named.map((r) => r.revision))] : [revisionOf(event, item)];
  const newest = Math.max(...revisions, 0) || revisionOf(event, item);
  const revision = await em.findOneOrFail(Revision, { item, number: newest });
  const recalls = await em.find(Delivery, { item, kind: 'recall', revision: { $in: revisions } }, { orderBy: { revision: 'asc', channel: 'asc' } });
  const wanted = named ? recalls.filter((d) => named.some((r) => r.channel === d.channel && r.revision === d.revision)) : recalls;
  return {
    type: 'recall',
    ...(await recordOf(em, unit, item, revision, event)),
    recalledAt: event.at,
    by: event.actor,
    byName: await nameOfActor(em, event.actor),
    reason: typeof event.data.comment === 'string' ? event.data.comment : null,
    state: event.toState ?? (typeof event.data.state === 'string' ? event.data.state : null),
    recalls: wanted.map((d) => ({
      channel: d.channel!, revision: d.revision, status: d.status, deliveredAt: d.deliveredAt ?? null, webhookId: webhookIdOf(d),
      releaseId: typeof d.payload?.releaseId === 'string' ? d.payload.releaseId : null,
    })),
  };
}

async function archiveDisposition(em: EntityManager, unit: Unit, event: AuditEvent): Promise<ArchiveDisposition> {
  const item = await em.findOneOrFail(Item, { id: event.itemId! });
  const revision = await em.findOneOrFail(Revision, { item, number: revisionOf(event, item) }, { populate: ['body'] });
  const scan = await em.findOne(Scan, { revision });
  return {
    type: 'disposition',
    disposition: dispositionOf(event)!,
    ...(await recordOf(em, unit, item, revision, event)),
    at: event.at,
    by: event.actor,
    byName: await nameOfActor(em, event.actor),
    level: typeof event.data.level === 'string' ? event.data.level : dispositionOf(event) === 'reject' ? null : 'admin',
    comment: typeof event.data.comment === 'string' ? event.data.comment : null,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    body: revision.body,
    format: revision.format,
    contentHashVerified: (await revisionContentHash(em, revision)) === revision.contentHash,
    scan: scan && { verdict: scan.verdict, hits: scan.hits.map((h) => ({ ruleId: h.ruleId, category: h.category, severity: h.severity, reason: h.reason })) },
  };
}

async function archiveItem(em: EntityManager, unit: Unit, published: AuditEvent): Promise<ArchiveItem> {
  const item = await em.findOneOrFail(Item, { id: published.itemId! });
  const number = typeof published.data.revision === 'number' ? published.data.revision : item.revision;
  const [revision, decisions, releases, audit] = await Promise.all([
    em.findOneOrFail(Revision, { item, number }, { populate: ['body'] }),
    decisionsOf(em, item),
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
    decisions,
    audit: audit.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, fromState: e.fromState ?? null, toState: e.toState ?? null, data: e.data, prevHash: e.prevHash, hash: e.hash })),
  };
}
