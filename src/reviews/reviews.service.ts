import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  assertAdminOfUnit, assertMayDecide, checkDispositions, DomainError, ItemState, Level, LEVELS, requireReason, stateAfterDecision,
  stateAfterReturn, StateConflictError, WITHHOLDABLE_STATES,
} from '@clearance/workflow';
import { actorOf, auditActor, UserPrincipal } from '../auth/principal';
import { ClaimsService } from '../claims/claims.service';
import { inTransaction, lockItem } from '../database/transaction';
import { Decision } from '../items/entities/decision.entity';
import { HitDisposition } from '../items/entities/hit-disposition.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { blockingMarking, hitIds } from '../items/hit-groups';
import { ItemTransitions } from '../items/item-transitions.service';
import { DecideDto } from './dto/decide.dto';

/**
 * Separation of duties counts an override of a block, and a return from the secrecy office, as acting on
 * the item at a level of its own (the admin's): whoever did either may not also decide at 初审, 复审 or 复核
 * of that item, and whoever decided at one of those may not override or return it.
 */
const ADMIN_ACTED = 'you acted on this item as secrecy administrator (an override or a return); one person acts at one level of an item (separation of duties)';

@Injectable()
export class ReviewsService {
  constructor(private readonly em: EntityManager, private readonly transitions: ItemTransitions, private readonly claims: ClaimsService) {}

  /** Approve, reject or refer at the item's current level, on the revision the reviewer saw. */
  async decide(user: UserPrincipal, itemId: string, dto: DecideDto): Promise<{ id: string; state: ItemState; revision: number }> {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      const item = await this.findItem(em, itemId, user);
      await this.claims.assertMayDecide(em, item, user.userId);
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
      // Every hit, as dispositions name any of them; unmanaged, so the flush below does not compare tens of thousands of hits.
      const hits = (await em.findOne(Scan, { revision }, { fields: ['hits'], disableIdentityMap: true }))?.hits ?? [];
      const ids = hitIds(hits);
      const given = dto.dispositions ?? [];
      checkDispositions(level, dto.decision, ids.filter((_, i) => hits[i].severity === 'review'), new Set(ids), given);
      const decision = em.create(Decision, { item, revision: item.revision, contentHash: revision.contentHash, level, decision: dto.decision, user: user.userId, comment });
      const ruleOf = new Map(ids.map((id, i) => [id, hits[i].ruleId]));
      const dispositions = given.map((d) => ({ hitId: d.hitId, ruleId: ruleOf.get(d.hitId)!, outcome: d.outcome, note: d.note?.trim() || null }));
      dispositions.forEach((d, position) => em.create(HitDisposition, { ...d, position, decision, item, revision: item.revision, level, user: user.userId, createdAt: decision.createdAt }));
      if (dto.decision === 'refer') item.referredFrom = level;
      await this.transitions.move(tx, item, to, auditActor(user), {
        decision: dto.decision, level, comment, contentHash: revision.contentHash, ...(dispositions.length ? { dispositions } : {}),
      });
      await em.flush();
      return { id: item.id, state: item.state, revision: item.revision };
    });
  }

  /**
   * A secrecy administrator's recorded override of a block: the item goes on to 初审. `confirmMarking`, when
   * given (the page always sends it), must be the blocking marking as the item view shows it
   * (`scan.blockingMarking`); the audit event records whether the marking was confirmed.
   */
  override(user: UserPrincipal, itemId: string, comment: string, confirmMarking?: string) {
    return this.adminAct(user, itemId, comment, ['blocked'], 'override', () => 'awaiting_filler', async (em, revision) => {
      if (confirmMarking === undefined) return {};
      const marking = blockingMarking((await em.findOne(Scan, { revision }))?.hits ?? []);
      if (confirmMarking.trim() !== marking) {
        throw new DomainError('unprocessable', `confirmMarking must be the marking that blocked the item${marking ? `: ${marking}` : ''}`, 'confirmMarking');
      }
      return { confirmedMarking: marking };
    });
  }

  /** Back from the secrecy office to the level that referred it. */
  returnReferred(user: UserPrincipal, itemId: string, comment: string) {
    return this.adminAct(user, itemId, comment, ['referred'], 'return', (item) => stateAfterReturn(item.referredFrom ?? undefined));
  }

  /** 不予公开: a secrecy administrator ends the review without release; the reason goes to the CMS in its callback. */
  withhold(user: UserPrincipal, itemId: string, comment: string) {
    return this.adminAct(user, itemId, comment, WITHHOLDABLE_STATES, 'withhold', () => 'withheld');
  }

  private async adminAct(
    user: UserPrincipal, itemId: string, comment: string, from: readonly ItemState[], kind: 'override' | 'return' | 'withhold', target: (item: Item) => ItemState,
    check?: (em: EntityManager, revision: Revision) => Promise<Record<string, unknown>>,
  ) {
    return inTransaction(this.em, async (tx) => {
      const { em } = tx;
      const item = await this.findItem(em, itemId, user);
      assertAdminOfUnit(actorOf(user), item.unit.id);
      requireReason(kind, comment);
      if (!from.includes(item.state)) throw new StateConflictError(`the item is ${item.state}, not ${from.join(' or ')}`);
      const reviewed = await em.findOne(Decision, { item, user: user.userId, level: { $in: [...LEVELS] } });
      if (reviewed) {
        throw new StateConflictError(`you already acted on this item at level ${reviewed.level}; one person acts at one level of an item (separation of duties), and an ${kind} is the secrecy administrator's`);
      }
      const revision = await em.findOneOrFail(Revision, { item, number: item.revision });
      const extra = check ? await check(em, revision) : {};
      em.create(Decision, { item, revision: item.revision, contentHash: revision.contentHash, level: 'admin', decision: kind, user: user.userId, comment: comment.trim() });
      const to = target(item);
      item.referredFrom = null;
      await this.transitions.move(tx, item, to, auditActor(user), { decision: kind, comment: comment.trim(), ...extra });
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
