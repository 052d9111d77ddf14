import { EntityManager, LockMode } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { assertAdminOfUnit, assertMayRecall, DomainError, ItemState, requireReason, StateConflictError } from '@clearance/workflow';
import { actorOf, auditActor, ClientPrincipal, Principal, UserPrincipal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { ItemTransitions } from '../items/item-transitions.service';
import { ItemViewService } from '../items/item-view.service';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryView, deliveryView } from './delivery-views';
import { Delivery } from './entities/delivery.entity';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';

const RECALLABLE: readonly ItemState[] = ['publishing', 'published'];
const RELEASED: readonly ItemState[] = ['published', 'recalled'];

/** Recall, withdraw, redeliver, and the record of every delivery of an item. */
@Injectable()
export class ReleaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly transitions: ItemTransitions,
    private readonly views: ItemViewService,
    private readonly audit: AuditService,
    private readonly jobs: DeliveryJobs,
  ) {}

  async deliveries(principal: Principal, itemId: string): Promise<{ deliveries: DeliveryView[] }> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, itemId, em);
    const rows = await em.getRepository(Delivery).withAttempts(item.id);
    return { deliveries: rows.map(({ delivery, attempts }) => deliveryView(delivery, attempts)) };
  }

  /** 撤稿: the item becomes recalled; the publishing hooks send item.recalled to each channel that accepted it. */
  async recall(user: UserPrincipal, itemId: string, comment: string): Promise<{ id: string; state: ItemState; revision: number; recalledChannels: string[] }> {
    return inTransaction(this.em, async (tx) => {
      const item = await this.findItem(tx.em, itemId);
      assertMayRecall(actorOf(user), item.unit.id);
      requireReason('recall', comment);
      if (!RECALLABLE.includes(item.state)) throw new StateConflictError(`the item is ${item.state}: only an item being published or published can be recalled`);
      await this.transitions.move(tx, item, 'recalled', auditActor(user), { comment: comment.trim() });
      await tx.em.flush();
      const recalls = await tx.em.find(Delivery, { item, kind: 'recall', revision: item.revision }, { orderBy: { channel: 'asc' } });
      return { id: item.id, state: item.state, revision: item.revision, recalledChannels: recalls.map((d) => d.channel!) };
    });
  }

  /** The owning CMS cancels before release: pending deliveries are dropped and nothing more is sent. */
  async withdraw(client: ClientPrincipal, itemId: string): Promise<{ id: string; state: ItemState; revision: number; cancelledDeliveries: number }> {
    return inTransaction(this.em, async (tx) => {
      const item = await this.findItem(tx.em, itemId);
      if (item.client.id !== client.clientId) throw new DomainError('not_found', `item ${itemId} was not found`);
      if (item.state === 'withdrawn') return { id: item.id, state: item.state, revision: item.revision, cancelledDeliveries: 0 };
      if (RELEASED.includes(item.state)) throw new StateConflictError(`the item is ${item.state}: it was released; ask the unit to recall it`);
      const accepted = await tx.em.find(Delivery, { item, kind: 'release', revision: item.revision, status: 'delivered' });
      if (accepted.length) {
        throw new StateConflictError(`the item was already released to ${accepted.map((d) => d.channel).join(', ')}; ask the unit to recall it`);
      }
      const pending = await tx.em.count(Delivery, { item, kind: 'release', status: 'pending' });
      await this.transitions.move(tx, item, 'withdrawn', auditActor(client));
      return { id: item.id, state: item.state, revision: item.revision, cancelledDeliveries: pending };
    });
  }

  /** Sends a failed delivery again with a fresh attempt budget and the same webhook-id (admin of the item's unit). */
  async redeliver(user: UserPrincipal, deliveryId: string): Promise<DeliveryView> {
    const delivery = await inTransaction(this.em, async (tx) => {
      const found = await tx.em.findOne(Delivery, { id: deliveryId }, { populate: ['item', 'item.unit'] });
      if (!found) throw new DomainError('not_found', `delivery ${deliveryId} was not found`);
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

  /**
   * Locks the item first, as the delivery worker does when it records an answer: taking the item
   * and then the audit head in the same order everywhere keeps recall and withdraw free of deadlocks.
   */
  private async findItem(em: EntityManager, itemId: string): Promise<Item> {
    const item = await em.findOne(Item, { id: itemId }, { populate: ['unit'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!item) throw new DomainError('not_found', `item ${itemId} was not found`);
    return item;
  }
}
