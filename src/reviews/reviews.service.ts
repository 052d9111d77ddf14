import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  assertAdminOfUnit, assertMayDecide, awaitingState, DomainError, ItemState, Level, LEVELS, requireReason, stateAfterDecision,
  stateAfterReturn, StateConflictError,
} from '@clearance/workflow';
import { actorOf, auditActor, UserPrincipal } from '../auth/principal';
import { inTransaction, lockItem } from '../database/transaction';
import { Decision } from '../items/entities/decision.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { QueueCursor } from '../items/item.repository';
import { ItemTransitions } from '../items/item-transitions.service';
import { countBy } from '../scan/scan.service';
import { DecideDto } from './dto/decide.dto';

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

/**
 * Separation of duties counts an override of a block, and a return from the secrecy office, as acting on
 * the item at a level of its own (the admin's): whoever did either may not also decide at 初审, 复审 or 复核
 * of that item, and whoever decided at one of those may not override or return it.
 */
const ADMIN_ACTED = 'you acted on this item as secrecy administrator (an override or a return); one person acts at one level of an item (separation of duties)';

/** The level at which an item in this state is acted on: a review level, or the admin's for blocked and referred items. */
function actingLevel(state: ItemState): Level | 'admin' {
  return LEVELS.find((l) => awaitingState(l) === state) ?? 'admin';
}

@Injectable()
export class ReviewsService {
  constructor(private readonly em: EntityManager, private readonly transitions: ItemTransitions) {}

  /** What awaits the caller's level(s) in the caller's unit, oldest first; admins also see blocked and referred items. */
  async queue(user: UserPrincipal, limit = 50, cursor?: string): Promise<{ items: QueueEntry[]; next?: string }> {
    const em = this.em.fork();
    const levels = LEVELS.filter((level) => user.roles.includes(level));
    const states: ItemState[] = levels.map(awaitingState);
    if (user.roles.includes('admin')) states.push('blocked', 'referred');
    if (states.length === 0) return { items: [] };
    // Items this person acted on at one level (an override or return counts as the admin level) do not come back to them at another.
    const acted = await em.find(Decision, { user: user.userId, item: { unit: user.unitId, state: { $in: states } } }, { populate: ['item'], fields: ['level', 'item.state'] });
    const barred = acted.filter((d) => d.level !== actingLevel(d.item.state)).map((d) => d.item.id);
    const page = await em.getRepository(Item).page(user.unitId, states, limit + 1, cursor ? decodeCursor(cursor) : undefined, [...new Set(barred)]);
    const items = page.slice(0, limit);
    const revisions = items.length ? await em.find(Revision, { $or: items.map((i) => ({ item: i.id, number: i.revision })) }) : [];
    const scans = revisions.length ? await em.find(Scan, { revision: { $in: revisions.map((r) => r.id) } }) : [];
    const revisionOf = new Map(revisions.map((r) => [r.item.id, r]));
    const scanOf = new Map(scans.map((s) => [s.revision.id, s]));
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
        hitCounts: countBy((scan?.hits ?? []).map((h) => h.category)),
        submittedAt: revision?.createdAt ?? item.createdAt,
        waitingSince: item.stateChangedAt,
      };
    });
    const last = items[items.length - 1];
    return page.length > limit && last ? { items: entries, next: encodeCursor({ at: last.stateChangedAt.toISOString(), id: last.id }) } : { items: entries };
  }

  /** Approve, reject or refer at the item's current level, on the revision the reviewer saw. */
  async decide(user: UserPrincipal, itemId: string, dto: DecideDto): Promise<{ id: string; state: ItemState; revision: number }> {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      const item = await this.findItem(em, itemId, user);
      const decisions = await em.find(Decision, { item });
      const level = assertMayDecide(actorOf(user), {
        state: item.state,
        unitId: item.unit.id,
        revision: item.revision,
        actedLevels: decisions.filter((d): d is Decision & { level: Level } => d.level !== 'admin').map((d) => ({ userId: d.user.id, level: d.level })),
        decidedLevels: decisions.filter((d) => d.revision === item.revision && d.decision === 'approve' && d.level !== 'admin').map((d) => d.level as Level),
      }, dto.revision);
      if (decisions.some((d) => d.level === 'admin' && d.user.id === user.userId)) throw new StateConflictError(ADMIN_ACTED);
      requireReason(dto.decision, dto.comment);
      const revision = await em.findOneOrFail(Revision, { item, number: item.revision });
      if (dto.contentHash && dto.contentHash !== revision.contentHash) {
        throw new StateConflictError('the content you reviewed is not the content of this revision; reload the item');
      }
      const to = stateAfterDecision(item.state, dto.decision);
      const comment = dto.comment?.trim() || null;
      em.create(Decision, { item, revision: item.revision, contentHash: revision.contentHash, level, decision: dto.decision, user: user.userId, comment });
      if (dto.decision === 'refer') item.referredFrom = level;
      await this.transitions.move(tx, item, to, auditActor(user), { decision: dto.decision, level, comment, contentHash: revision.contentHash });
      await em.flush();
      return { id: item.id, state: item.state, revision: item.revision };
    });
  }

  /** A secrecy administrator's recorded override of a block: the item goes on to 初审. */
  override(user: UserPrincipal, itemId: string, comment: string) {
    return this.adminAct(user, itemId, comment, 'blocked', 'override', () => 'awaiting_filler');
  }

  /** Back from the secrecy office to the level that referred it. */
  returnReferred(user: UserPrincipal, itemId: string, comment: string) {
    return this.adminAct(user, itemId, comment, 'referred', 'return', (item) => stateAfterReturn(item.referredFrom ?? undefined));
  }

  private async adminAct(user: UserPrincipal, itemId: string, comment: string, from: ItemState, kind: 'override' | 'return', target: (item: Item) => ItemState) {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      const item = await this.findItem(em, itemId, user);
      assertAdminOfUnit(actorOf(user), item.unit.id);
      requireReason(kind, comment);
      if (item.state !== from) throw new StateConflictError(`the item is ${item.state}, not ${from}`);
      const reviewed = await em.findOne(Decision, { item, user: user.userId, level: { $in: [...LEVELS] } });
      if (reviewed) {
        throw new StateConflictError(`you already acted on this item at level ${reviewed.level}; one person acts at one level of an item (separation of duties), and an ${kind} is the secrecy administrator's`);
      }
      const revision = await em.findOneOrFail(Revision, { item, number: item.revision });
      em.create(Decision, { item, revision: item.revision, contentHash: revision.contentHash, level: 'admin', decision: kind, user: user.userId, comment: comment.trim() });
      const to = target(item);
      item.referredFrom = null;
      await this.transitions.move(tx, item, to, auditActor(user), { decision: kind, comment: comment.trim() });
      await em.flush();
      return { id: item.id, state: item.state, revision: item.revision };
    });
  }

  /** Locked first, so a decision racing another decision or a recall waits for it and then sees what it did. */
  private async findItem(em: EntityManager, itemId: string, user: UserPrincipal): Promise<Item> {
    const item = await lockItem(em, itemId);
    // Another unit's item is not found, for writes as for reads: the answer does not tell that the id exists.
    if (!item || item.unit.id !== user.unitId) throw new DomainError('not_found', `item ${itemId} was not found`);
    return item;
  }
}
