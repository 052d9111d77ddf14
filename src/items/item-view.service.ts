import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { canView, DomainError, ItemState } from '@clearance/workflow';
import type { Coverage, Location } from '@clearance/documents';
import { extractText, type Hit, type Verdict } from '@clearance/scanner';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import { actorOf, Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
// The entity only, through the global EntityManager: no Nest import of PublishingModule, which imports ItemsModule.
import { DeliverySummary, deliverySummary } from '../publishing/delivery-views';
import { Delivery } from '../publishing/entities/delivery.entity';
import { Decision } from './entities/decision.entity';
import { Item } from './entities/item.entity';
import { Revision } from './entities/revision.entity';
import { Scan } from './entities/scan.entity';

/** One file of a revision; verdict and coverage are null until its scan is stored. */
export interface AttachmentView {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  verdict: Verdict | null;
  coverage: Coverage | null;
}

export interface AttachmentPartsView {
  parts: Array<{ partIndex: number; location: Location; text: string }>;
  /** True when the stored text was cut at the per-scan cap: later parts, or the end of the last one, are missing. */
  capped: boolean;
}

export interface ItemView {
  id: string;
  externalId: string;
  unit: string;
  channels: string[];
  title: string;
  body: string;
  format: string;
  /** html only: the text reviewers read, which hits' plainStart/plainEnd point into. */
  plainText?: string;
  state: ItemState;
  revision: number;
  contentHash: string;
  submittedAt: Date;
  waitingSince: Date;
  referredFrom?: string | null;
  scan: { verdict: Verdict; hits: Hit[]; keywords: string[]; lexiconVersion: string; rulesVersion: string; durationMs: number; at: Date } | null;
  decisions: Array<{ level: string; decision: string; by: string; at: Date; comment?: string | null; revision: number; contentHash: string }>;
  history: Array<{ state: string; from?: string | null; at: Date; by?: string; revision?: number; comment?: string }>;
  /** The current revision's attachments in order. */
  attachments: AttachmentView[];
  /** Each channel's release and recall, last outcome only; every attempt, and the CMS callbacks, are under GET /items/:id/deliveries. */
  deliveries: DeliverySummary[];
}

@Injectable()
export class ItemViewService {
  constructor(private readonly em: EntityManager, private readonly audit: AuditService) {}

  /** The owning client, or a reviewer or admin of the item's unit, may see an item; others get 404. */
  async loadVisible(principal: Principal, id: string, em = this.em.fork()): Promise<Item> {
    const item = await em.findOne(Item, { id }, { populate: ['unit'] });
    const visible =
      item &&
      (principal.kind === 'client' ? item.client.id === principal.clientId : canView(actorOf(principal), item.unit.id));
    if (!item || !visible) throw new DomainError('not_found', `item ${id} was not found`);
    return item;
  }

  async load(principal: Principal, id: string): Promise<ItemView> {
    const em = this.em.fork();
    const item = await this.loadVisible(principal, id, em);
    const revision = await em.findOneOrFail(Revision, { item, number: item.revision }, { populate: ['body'] });
    const [scan, attachments, decisions, events, deliveries] = await Promise.all([
      em.findOne(Scan, { revision }),
      revision.attachmentCount > 0 ? em.getRepository(RevisionAttachment).forRevision(revision.id) : Promise.resolve([]),
      em.find(Decision, { item }, { orderBy: { createdAt: 'asc' }, populate: ['user'] }),
      this.audit.itemHistory(em, item.id),
      em.getRepository(Delivery).toChannels(item.id),
    ]);
    return {
      id: item.id,
      externalId: item.externalId,
      unit: item.unit.code,
      channels: item.channels,
      title: revision.title,
      body: revision.body,
      format: revision.format,
      ...(revision.format === 'html' ? { plainText: extractText(revision.body, 'html').text } : {}),
      state: item.state,
      revision: item.revision,
      contentHash: revision.contentHash,
      submittedAt: revision.createdAt,
      waitingSince: item.stateChangedAt,
      referredFrom: item.referredFrom,
      scan: scan && { verdict: scan.verdict, hits: scan.hits, keywords: scan.keywords, lexiconVersion: scan.lexiconVersion, rulesVersion: scan.rulesVersion, durationMs: scan.durationMs, at: scan.createdAt },
      decisions: decisions.map((d) => ({ level: d.level, decision: d.decision, by: d.user.username, at: d.createdAt, comment: d.comment, revision: d.revision, contentHash: d.contentHash })),
      history: events
        .filter((e) => e.toState)
        .map((e) => ({
          state: e.toState!,
          from: e.fromState,
          at: e.at,
          by: e.actor,
          revision: e.data.revision as number | undefined,
          // The written reason of a reject, refer, override, return or recall, as recorded.
          comment: typeof e.data.comment === 'string' ? e.data.comment : undefined,
        })),
      attachments: attachments.map((a) => {
        const scanned = scan?.attachments[a.position];
        return {
          index: a.position, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256,
          verdict: scanned?.verdict ?? null, coverage: scanned?.coverage ?? null,
        };
      }),
      deliveries: deliveries.map(deliverySummary),
    };
  }

  /** What the scanner read from one attachment of the current revision, with the item view's access rule. */
  async attachmentParts(principal: Principal, id: string, index: number): Promise<AttachmentPartsView> {
    const em = this.em.fork();
    const item = await this.loadVisible(principal, id, em);
    const revision = await em.findOneOrFail(Revision, { item, number: item.revision });
    const attachment = await em.findOne(RevisionAttachment, { revision, position: index });
    if (!attachment) throw new DomainError('not_found', `item ${id} has no attachment ${index} in revision ${item.revision}`);
    const scan = await em.findOne(Scan, { revision });
    const scanned = scan?.attachments[index];
    if (!scan || !scanned) throw new DomainError('not_found', `attachment ${index} of item ${id} has not been scanned yet`);
    const parts = await em.getRepository(ScanPart).forAttachment(scan.id, index);
    return { parts: parts.map((p) => ({ partIndex: p.partIndex, location: p.location, text: p.text })), capped: scanned.partsCapped };
  }
}
