import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { assertAdminOfUnit, assertMayRecall, DomainError, ItemState, requireReason, StateConflictError } from '@clearance/workflow';
import { actorOf, auditActor, ClientPrincipal, Principal, UserPrincipal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction, lockItem } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { ItemTransitions } from '../items/item-transitions.service';
import { ItemViewService } from '../items/item-view.service';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryService } from './delivery.service';
import { DeliveryView, deliveryView } from './delivery-views';
import { Delivery } from './entities/delivery.entity';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';

const RECALLABLE: readonly ItemState[] = ['publishing', 'published'];
const RELEASED: readonly ItemState[] = ['published', 'recalled'];

export interface RecallResult {
  id: string;
  state: ItemState;
  revision: number;
  /** Every channel told to take the item down by this recall. */
  recalledChannels: string[];
  recalled: Array<{ channel: string; revision: number }>;
}

/** Recall, withdraw, redeliver, and the record of every delivery of an item. */
@Injectable()
export class ReleaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly transitions: ItemTransitions,
    private readonly views: ItemViewService,
    private readonly audit: AuditService,
    private readonly jobs: DeliveryJobs,
    private readonly delivery: DeliveryService,
  ) {}

  async deliveries(principal: Principal, itemId: string): Promise<{ deliveries: DeliveryView[] }> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, itemId, em);
    const rows = await em.getRepository(Delivery).withAttempts(item.id);
    return { deliveries: rows.map(({ delivery, attempts }) => deliveryView(delivery, attempts)) };
  }

  /**
   * 撤稿 follows what was released, not the item's current state: every release a channel accepted and has not
   * been told to take down is recalled, whatever revision it was. An item being published or published becomes
   * recalled (the publishing hooks drop what is pending); an item whose newer revision is in review stays where it
   * is, so that review goes on, and the CMS hears which revision came down.
   */
  async recall(user: UserPrincipal, itemId: string, comment: string): Promise<RecallResult> {
    return inTransaction(this.em, async (tx) => {
      const item = await this.findItem(tx.em, itemId);
      // Another unit's item is not found, as on reads (a 403 would confirm the id).
      if (item.unit.id !== user.unitId) throw new DomainError('not_found', `item ${itemId} was not found`);
      assertMayRecall(actorOf(user), item.unit.id);
      requireReason('recall', comment);
      const reason = comment.trim();
      const actor = auditActor(user);
      const held = await this.heldByChannels(tx.em, item);
      const recalled = held.map((d) => ({ channel: d.channel!, revision: d.revision }));
      const moved = RECALLABLE.includes(item.state);
      if (moved) {
        await this.transitions.move(tx, item, 'recalled', actor, { comment: reason, recalled });
      } else if (!held.length) {
        throw new StateConflictError(`the item is ${item.state} and no channel holds a release of it: there is nothing to recall`);
      }
      // The hook of `recalled` covers the current revision; releases of earlier revisions are recalled here.
      const created: Delivery[] = [];
      for (const release of held) {
        const recall = await this.delivery.ensureRecall(tx.em, item, release, reason);
        if (recall) created.push(recall);
      }
      if (created.length) tx.afterCommit(() => Promise.all(created.map((d) => this.jobs.ensure(d))));
      if (!moved) {
        await this.audit.append(tx.em, { actor, action: 'item.release_recalled', itemId: item.id, data: { revision: item.revision, state: item.state, recalled, comment: reason } });
        const revisions = [...new Set(recalled.map((r) => r.revision))].sort((a, b) => a - b);
        this.delivery.callback(tx, item, {
          event: 'item.recalled', itemId: item.id, externalId: item.externalId, revision: revisions[revisions.length - 1], revisions,
          state: item.state, currentRevision: item.revision, reasons: [reason],
        });
      }
      await tx.em.flush();
      return { id: item.id, state: item.state, revision: item.revision, recalledChannels: [...new Set(recalled.map((r) => r.channel))].sort(), recalled };
    });
  }

  /**
   * The owning CMS cancels before release: pending deliveries are dropped and nothing more is sent. Released
   * content is never withdrawn by a CMS, whatever revision is current: 409 until a person recalls it (撤稿 needs a reason).
   */
  async withdraw(client: ClientPrincipal, itemId: string): Promise<{ id: string; state: ItemState; revision: number; cancelledDeliveries: number }> {
    return inTransaction(this.em, async (tx) => {
      const item = await this.findItem(tx.em, itemId);
      if (item.client.id !== client.clientId) throw new DomainError('not_found', `item ${itemId} was not found`);
      if (item.state === 'withdrawn') return { id: item.id, state: item.state, revision: item.revision, cancelledDeliveries: 0 };
      if (item.state === 'recalled') throw new StateConflictError('the item is recalled: it was released and taken down again; there is nothing left to withdraw');
      if (RELEASED.includes(item.state)) throw new StateConflictError(`the item is ${item.state}: it was released; ask the unit to recall it`);
      const held = await this.heldByChannels(tx.em, item);
      if (held.length) {
        const where = held.map((d) => `${d.channel} (revision ${d.revision})`).join(', ');
        throw new StateConflictError(`the item was already released to ${where}; ask the unit's leader, chief or secrecy administrator to recall it, then withdraw`);
      }
      const pending = await tx.em.count(Delivery, { item, kind: 'release', status: 'pending' });
      await this.transitions.move(tx, item, 'withdrawn', auditActor(client));
      return { id: item.id, state: item.state, revision: item.revision, cancelledDeliveries: pending };
    });
  }

  /** Releases a channel accepted, of any revision, with no recall sent for them yet: what the channels still show. */
  private async heldByChannels(em: EntityManager, item: Item): Promise<Delivery[]> {
    const sent = await em.getRepository(Delivery).toChannels(item.id);
    const recalled = new Set(sent.filter((d) => d.kind === 'recall').map((d) => `${d.channel}@${d.revision}`));
    return sent.filter((d) => d.kind === 'release' && d.status === 'delivered' && !recalled.has(`${d.channel}@${d.revision}`));
  }

  /** Sends a failed delivery again with a fresh attempt budget and the same webhook-id (admin of the item's unit). */
  async redeliver(user: UserPrincipal, deliveryId: string): Promise<DeliveryView> {
    const delivery = await inTransaction(this.em, async (tx) => {
      const found = await tx.em.getRepository(Delivery).lockWithItem(deliveryId);
      if (!found || found.item.unit.id !== user.unitId) throw new DomainError('not_found', `delivery ${deliveryId} was not found`);
      assertAdminOfUnit(actorOf(user), found.item.unit.id);
      if (found.status !== 'failed') throw new StateConflictError(`the delivery is ${found.status}: only a failed delivery can be redelivered`);
      const item = found.item;
      if (found.kind === 'release' && (item.state !== 'publishing' || item.revision !== found.revision)) {
        throw new StateConflictError(`the item is ${item.state} at revision ${item.revision}: this release is no longer wanted`);
      }
      Object.assign(found, { status: 'pending', attemptCount: 0, nextAttemptAt: null, lastError: null, lastStatusCode: null });
      await this.audit.append(tx.em, { actor: auditActor(user), action: 'delivery.redelivered', itemId: item.id, data: { deliveryId: found.id, kind: found.kind, channel: found.channel ?? null } });
      tx.afterCommit(() => this.jobs.ensure(found));
      return found;
    });
    const attempts = await this.em.fork().find(DeliveryAttempt, { delivery: delivery.id }, { orderBy: { number: 'asc', at: 'asc' } });
    return deliveryView(delivery, attempts);
  }

  /** The item row locked first and alone (see inTransaction), then its unit, unlocked: recall payloads name the unit. */
  private async findItem(em: EntityManager, itemId: string): Promise<Item> {
    const item = await lockItem(em, itemId);
    if (!item) throw new DomainError('not_found', `item ${itemId} was not found`);
    await em.populate(item, ['unit']);
    return item;
  }
}
