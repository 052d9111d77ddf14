import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError, ItemState, Level } from '@clearance/workflow';
import type { UserPrincipal } from '../auth/principal';
import { ClaimsService, ClaimView } from '../claims/claims.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { categoryCountsOf } from '../items/hit-counts';
import { Scan } from '../items/entities/scan.entity';
import { QueueCursor } from '../items/item.repository';
import { actingLevel, queueScope } from '../items/queue-scope';

export interface QueueEntry {
  id: string;
  title: string;
  unit: string;
  state: ItemState;
  level: Level | 'admin';
  revision: number;
  verdict: string | null;
  hitCounts: Record<string, number>;
  submittedAt: Date;
  waitingSince: Date;
  /** When the current level is due (null for blocked and referred items), and whether that has passed. */
  dueAt: Date | null;
  overdue: boolean;
  /** Who holds the item at its level (认领), if anyone. */
  claim: ClaimView | null;
}

const encodeCursor = (c: QueueCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): QueueCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as QueueCursor;
    if (typeof c.at === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.at))) return c;
  } catch {
    // fall through to the error below
  }
  throw new DomainError('invalid', 'cursor is not a cursor this service returned', 'cursor');
}

@Injectable()
export class ReviewQueueService {
  constructor(private readonly em: EntityManager, private readonly deadlines: DeadlinesService, private readonly claims: ClaimsService) {}

  /** What the caller may decide now (see queueScope), oldest state change first. */
  async queue(user: UserPrincipal, limit = 50, cursor?: string): Promise<{ items: QueueEntry[]; next?: string }> {
    const em = this.em.fork();
    const scope = await queueScope(em, user);
    if (scope.states.length === 0) return { items: [] };
    const page = await em.getRepository(Item).page(scope.unitId, scope.states, limit + 1, cursor ? decodeCursor(cursor) : undefined, scope.barred);
    const items = page.slice(0, limit);
    const revisions = items.length ? await em.find(Revision, { $or: items.map((i) => ({ item: i.id, number: i.revision })) }) : [];
    // The summary stored with each scan, not its hits column, which a large document makes megabytes long.
    const scans = revisions.length ? await em.find(Scan, { revision: { $in: revisions.map((r) => r.id) } }, { fields: ['revision', 'verdict', 'hitSummary'], disableIdentityMap: true }) : [];
    const countsOf = await categoryCountsOf(em, scans);
    const revisionOf = new Map(revisions.map((r) => [r.item.id, r]));
    const scanOf = new Map(scans.map((s) => [s.revision.id, s]));
    const dueOf = await this.deadlines.openFor(em, items);
    const claimOf = await this.claims.liveFor(em, items);
    const entries = items.map((item): QueueEntry => {
      const revision = revisionOf.get(item.id);
      const scan = revision ? scanOf.get(revision.id) : undefined;
      return {
        id: item.id,
        title: revision?.title ?? '',
        unit: item.unit.code,
        state: item.state,
        level: actingLevel(item.state),
        revision: item.revision,
        verdict: scan?.verdict ?? null,
        hitCounts: (scan && countsOf.get(scan.id)) ?? {},
        submittedAt: revision?.createdAt ?? item.createdAt,
        waitingSince: item.stateChangedAt,
        dueAt: dueOf.get(item.id)?.dueAt ?? null,
        overdue: dueOf.get(item.id)?.overdue ?? false,
        claim: claimOf.get(item.id) ?? null,
      };
    });
    const last = items[items.length - 1];
    return page.length > limit && last ? { items: entries, next: encodeCursor({ at: last.stateChangedAt.toISOString(), id: last.id }) } : { items: entries };
  }
}
