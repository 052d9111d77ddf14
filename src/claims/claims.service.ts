import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError, ForbiddenActError, LEVEL_LABELS, levelOf, StateConflictError } from '@clearance/workflow';
import { auditActor, UserPrincipal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction, lockItem } from '../database/transaction';
import { DeadlinesService, DueFacts } from '../deadlines/deadlines.service';
import { Decision } from '../items/entities/decision.entity';
import { Item } from '../items/entities/item.entity';
import { ItemClaim } from './entities/item-claim.entity';

export const DEFAULT_CLAIM_MINUTES = 30;
export const MAX_CLAIM_MINUTES = 480;

/** Who holds an item now, as the queue and the item page show it. */
export interface ClaimView {
  userId: string;
  username: string;
  displayName: string | null;
  level: string;
  claimedAt: Date;
  expiresAt: Date;
}

function viewOf(claim: ItemClaim): ClaimView {
  const user = claim.user;
  return { userId: user.id, username: user.username, displayName: user.displayName ?? null, level: claim.level, claimedAt: claim.claimedAt, expiresAt: claim.expiresAt };
}

function holderName(claim: ClaimView): string {
  return claim.displayName ? `${claim.displayName} (${claim.username})` : claim.username;
}

/** A decision by anyone but the holder of a live claim: 409 naming the holder and when the claim ends. */
export class ClaimedByOtherError extends StateConflictError {
  constructor(readonly claim: ClaimView) {
    super(`the item is claimed by ${holderName(claim)} at ${claim.level} until ${claim.expiresAt.toISOString()}; wait until they release it or it expires, or ask a secrecy administrator to clear the claim`);
  }
}

/**
 * 认领: a reviewer holds an item at its current level for a while, so two people do not review the same item at
 * once. A claim counts while it is not ended, not expired, and the item still waits at that level of that revision.
 * It only keeps others' decisions out; it never decides anything itself.
 */
@Injectable()
export class ClaimsService {
  constructor(private readonly em: EntityManager, private readonly audit: AuditService, private readonly deadlines: DeadlinesService) {}

  claim(user: UserPrincipal, itemId: string, minutes = DEFAULT_CLAIM_MINUTES): Promise<ClaimView> {
    return inTransaction(this.em, async ({ em }) => {
      const item = await this.findItem(em, itemId, user);
      const level = levelOf(item.state);
      if (!level) throw new StateConflictError(`the item is ${item.state}: it awaits no review level, so there is nothing to claim`);
      if (!user.roles.includes(level)) throw new ForbiddenActError(`the item awaits ${level} (${LEVEL_LABELS[level]}); only a reviewer of that level may claim it`);
      const other = await em.findOne(Decision, { item, user: user.userId, level: { $ne: level } });
      if (other) throw new StateConflictError(`you already acted on this item at level ${other.level}; one person acts at one level of an item (separation of duties)`);
      const now = new Date();
      const live = await this.liveClaim(em, item, now);
      if (live && live.user.id !== user.userId) throw new ClaimedByOtherError(viewOf(live));
      const expiresAt = new Date(now.getTime() + minutes * 60_000);
      // Claiming again renews one's own claim: the same row, a later end.
      const claim = live ?? em.create(ItemClaim, { item, user: user.userId, level, revision: item.revision, claimedAt: now, expiresAt });
      claim.expiresAt = expiresAt;
      await this.audit.append(em, { actor: auditActor(user), action: live ? 'item.claim_renewed' : 'item.claimed', itemId: item.id, data: { claimId: claim.id, level, revision: item.revision, expiresAt: expiresAt.toISOString() } });
      await em.flush();
      await em.populate(claim, ['user']);
      return viewOf(claim);
    });
  }

  /** The holder releases; a secrecy administrator of the unit may clear anyone's claim. */
  release(user: UserPrincipal, itemId: string): Promise<{ released: ClaimView }> {
    return inTransaction(this.em, async ({ em }) => {
      const item = await this.findItem(em, itemId, user);
      const live = await this.liveClaim(em, item, new Date());
      if (!live) throw new DomainError('conflict', 'nobody holds a claim on this item');
      const own = live.user.id === user.userId;
      if (!own && !user.roles.includes('admin')) throw new ForbiddenActError(`the claim is held by ${holderName(viewOf(live))}; only they or a secrecy administrator may end it`);
      Object.assign(live, { endedAt: new Date(), endedBy: auditActor(user) });
      await this.audit.append(em, {
        actor: auditActor(user), action: own ? 'item.claim_released' : 'item.claim_cleared', itemId: item.id,
        data: { claimId: live.id, level: live.level, revision: live.revision, holder: live.user.username },
      });
      return { released: viewOf(live) };
    });
  }

  /** Who holds the item, and when its current level is due: what the item page shows beside the decision. */
  async current(user: UserPrincipal, itemId: string): Promise<{ claim: ClaimView | null; due: DueFacts | null }> {
    const em = this.em.fork();
    const item = await em.findOne(Item, { id: itemId });
    if (!item || item.unit.id !== user.unitId) throw new DomainError('not_found', `item ${itemId} was not found`);
    const live = await this.liveClaim(em, item, new Date());
    const due = (await this.deadlines.openFor(em, [item])).get(item.id) ?? null;
    return { claim: live ? viewOf(live) : null, due };
  }

  /**
   * The check of a decision, called under the item's lock: a live claim of someone else refuses it (409).
   * The holder's own decision ends the claim with the level it was for.
   */
  async assertMayDecide(em: EntityManager, item: Item, userId: string): Promise<void> {
    const live = await this.liveClaim(em, item, new Date());
    if (live && live.user.id !== userId) throw new ClaimedByOtherError(viewOf(live));
  }

  /** Live claims of the given items (the queue): item id → holder. */
  async liveFor(em: EntityManager, items: Array<Pick<Item, 'id' | 'state' | 'revision'>>, now = new Date()): Promise<Map<string, ClaimView>> {
    if (items.length === 0) return new Map();
    const byId = new Map(items.map((i) => [i.id, i]));
    const rows = await em.find(ItemClaim, { item: { $in: [...byId.keys()] }, endedAt: null, expiresAt: { $gt: now } }, { populate: ['user'] });
    const live = rows.filter((c) => {
      const item = byId.get(c.item.id)!;
      return levelOf(item.state) === c.level && item.revision === c.revision;
    });
    return new Map(live.map((c) => [c.item.id, viewOf(c)]));
  }

  private async liveClaim(em: EntityManager, item: Item, now: Date): Promise<ItemClaim | null> {
    const level = levelOf(item.state);
    if (!level) return null;
    return em.findOne(ItemClaim, { item: item.id, level, revision: item.revision, endedAt: null, expiresAt: { $gt: now } }, { populate: ['user'], orderBy: { claimedAt: 'desc' } });
  }

  private async findItem(em: EntityManager, itemId: string, user: UserPrincipal): Promise<Item> {
    const item = await lockItem(em, itemId);
    // Another unit's item is not found, as everywhere: the answer does not tell that the id exists.
    if (!item || item.unit.id !== user.unitId) throw new DomainError('not_found', `item ${itemId} was not found`);
    return item;
  }
}
