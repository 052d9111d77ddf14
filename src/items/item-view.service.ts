import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { canView, DomainError, ItemState } from '@clearance/workflow';
import type { Coverage, Location } from '@clearance/documents';
import { extractText, type Verdict } from '@clearance/scanner';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import { actorOf, Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
// The entity only, through the global EntityManager: no Nest import of PublishingModule, which imports ItemsModule.
import { DeliverySummary, deliverySummary } from '../publishing/delivery-views';
import { Delivery } from '../publishing/entities/delivery.entity';
import { User } from '../auth/entities/user.entity';
import { Decision } from './entities/decision.entity';
import { HitDisposition } from './entities/hit-disposition.entity';
import { HitGroup, HITS_PER_GROUP, HitSummary, HitView, summarizeHits, summaryGroups } from './hit-groups';
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

/** One reviewer's record of one hit, made with their decision. */
export interface DispositionView {
  hitId: string;
  ruleId: string;
  outcome: string;
  note?: string | null;
  level: string;
  revision: number;
  by: string;
  byName: string;
  at: Date;
}

export interface ScanView {
  verdict: Verdict;
  /** The hits the view carries: the first HITS_PER_GROUP of each rule, in the scanner's order. */
  hits: HitView[];
  /** All hits of the revision, and how many of them are review-level (each needs a disposition at 初审; the ids are in the groups and their pages). */
  hitCount: number;
  reviewHitCount: number;
  hitGroups: HitGroup[];
  /** What an administrator types back to lift a block (POST /items/:id/override confirmMarking); null when nothing blocks. */
  blockingMarking: string | null;
  keywords: string[];
  lexiconVersion: string;
  rulesVersion: string;
  durationMs: number;
  at: Date;
}

export interface ItemView {
  id: string;
  externalId: string;
  /** The unit's code, and its name as people know it. */
  unit: string;
  unitName: string;
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
  scan: ScanView | null;
  /** `by` is the username; `byName` the display name, or the username when there is none. */
  decisions: Array<{ id: string; level: string; decision: string; by: string; byName: string; at: Date; comment?: string | null; revision: number; contentHash: string; dispositions: DispositionView[] }>;
  history: Array<{ state: string; from?: string | null; at: Date; by?: string; byName?: string; revision?: number; comment?: string }>;
  /** Every revision's number, newest last, for the revision picker. */
  revisions: Array<{ number: number; contentHash: string; submittedAt: Date }>;
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
    const [scan, attachments, decisions, events, deliveries, dispositions, revisions] = await Promise.all([
      findScanForView(em, revision),
      revision.attachmentCount > 0 ? em.getRepository(RevisionAttachment).forRevision(revision.id) : Promise.resolve([]),
      em.find(Decision, { item }, { orderBy: { createdAt: 'asc' }, populate: ['user'] }),
      this.audit.itemHistory(em, item.id),
      em.getRepository(Delivery).toChannels(item.id),
      em.find(HitDisposition, { item }, { orderBy: { createdAt: 'asc', position: 'asc' }, populate: ['user'] }),
      em.find(Revision, { item }, { orderBy: { number: 'asc' }, fields: ['number', 'contentHash', 'createdAt'] }),
    ]);
    const names = await this.displayNames(em, events.map((e) => e.actor));
    const byDecision = new Map<string, DispositionView[]>();
    for (const d of dispositions) {
      byDecision.set(d.decision.id, [...(byDecision.get(d.decision.id) ?? []), dispositionView(d)]);
    }
    return {
      id: item.id,
      externalId: item.externalId,
      unit: item.unit.code,
      unitName: item.unit.name,
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
      scan: scan && (await scanView(em, scan)),
      decisions: decisions.map((d) => ({
        id: d.id, level: d.level, decision: d.decision, by: d.user.username, byName: nameOf(d.user), at: d.createdAt, comment: d.comment, revision: d.revision, contentHash: d.contentHash,
        dispositions: byDecision.get(d.id) ?? [],
      })),
      history: events
        .filter((e) => e.toState)
        .map((e) => ({
          state: e.toState!,
          from: e.fromState,
          at: e.at,
          by: e.actor,
          byName: names.get(e.actor) ?? e.actor,
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
      revisions: revisions.map((r) => ({ number: r.number, contentHash: r.contentHash, submittedAt: r.createdAt })),
    };
  }

  /** Audit actors (`user:<username>`) to the people's display names; other actors keep their own name. */
  async displayNames(em: EntityManager, actors: readonly string[]): Promise<Map<string, string>> {
    const usernames = [...new Set(actors.filter((a) => a.startsWith('user:')).map((a) => a.slice(5)))];
    const users = usernames.length ? await em.find(User, { username: { $in: usernames } }, { fields: ['username', 'displayName'] }) : [];
    return new Map(users.map((u) => [`user:${u.username}`, nameOf(u)]));
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

/** A person's display name, or their username when they have none. */
export function nameOf(user: Pick<User, 'username' | 'displayName'>): string {
  return user.displayName?.trim() || user.username;
}

export function dispositionView(d: HitDisposition): DispositionView {
  return { hitId: d.hitId, ruleId: d.ruleId, outcome: d.outcome, note: d.note ?? null, level: d.level, revision: d.revision, by: d.user.username, byName: nameOf(d.user), at: d.createdAt };
}

/** A scan without its full hits column. */
export type ScanForView = Omit<Scan, 'hits'>;

/**
 * A revision's scan as the views read it: read only (unmanaged), and without the hits column, which tens of thousands
 * of hits make megabytes long; the summary stored beside it is what the views show.
 */
export function findScanForView(em: EntityManager, revision: Revision): Promise<ScanForView | null> {
  return em.findOne(Scan, { revision }, { disableIdentityMap: true, exclude: ['hits'], populate: ['hitSummary'] });
}

/** The stored summary; for a scan stored before summaries were (or with another page size), one made from all its hits. */
async function hitSummaryOf(em: EntityManager, scan: ScanForView): Promise<HitSummary> {
  if (scan.hitSummary?.perGroup === HITS_PER_GROUP) return scan.hitSummary;
  const full = await em.findOneOrFail(Scan, { id: scan.id }, { fields: ['hits'], disableIdentityMap: true });
  return summarizeHits(full.hits);
}

/** The scan as the item view shows it: hits with ids, grouped by rule, only the first of each large group. */
export async function scanView(em: EntityManager, scan: ScanForView): Promise<ScanView> {
  const summary = await hitSummaryOf(em, scan);
  return {
    verdict: scan.verdict,
    hits: summary.hits,
    hitCount: summary.hitCount,
    reviewHitCount: summary.reviewHitCount,
    hitGroups: summaryGroups(summary),
    blockingMarking: summary.blockingMarking,
    keywords: scan.keywords,
    lexiconVersion: scan.lexiconVersion,
    rulesVersion: scan.rulesVersion,
    durationMs: scan.durationMs,
    at: scan.createdAt,
  };
}
