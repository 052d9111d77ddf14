import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { assertAdminOfUnit, DomainError, ReasonRequiredError, StateConflictError } from '@clearance/workflow';
import { actorOf, auditActor, UserPrincipal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction, Tx } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { NotificationOutbox } from '../notifications/notification-request';
import { Delivery } from './entities/delivery.entity';

/** One release or recall that gave up, as the administrators' list shows it. */
export interface FailedDeliveryView {
  id: string;
  itemId: string;
  title: string;
  kind: 'release' | 'recall';
  channel: string;
  revision: number;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  failedAt: Date | null;
}

const LIST_LIMIT = 200;

/**
 * Releases and recalls that failed for good: the unit's secrecy administrators are told (delivery_failed) and see
 * them listed until someone redelivers one (it leaves `failed`) or dismisses it with a written reason.
 */
@Injectable()
export class FailedDeliveries {
  constructor(private readonly em: EntityManager, private readonly outbox: NotificationOutbox, private readonly audit: AuditService) {}

  /** Called in the transaction that moved the delivery to failed, once per failure. */
  async onFailed(tx: Tx, delivery: Delivery, item: Item): Promise<void> {
    if (delivery.kind !== 'release' && delivery.kind !== 'recall') return;
    const failedAt = new Date();
    // A delivery that failed again after a redelivery is back on the list, whatever was dismissed before.
    Object.assign(delivery, { failedAt, dismissedAt: null, dismissedBy: null, dismissReason: null });
    await this.outbox.enqueue(tx.em, {
      kind: 'delivery_failed', itemId: item.id, unitId: item.unit.id, audience: { role: 'admin' },
      dedupeKey: `delivery_failed:${delivery.id}:${failedAt.getTime()}`,
      detail: { deliveryId: delivery.id, kind: delivery.kind, channel: delivery.channel ?? null, revision: delivery.revision, attempts: delivery.attemptCount, lastStatusCode: delivery.lastStatusCode ?? null, lastError: delivery.lastError ?? null },
    });
  }

  async list(user: UserPrincipal): Promise<{ deliveries: FailedDeliveryView[] }> {
    assertAdminOfUnit(actorOf(user), user.unitId);
    const em = this.em.fork();
    const rows = await em.find(Delivery, { item: { unit: user.unitId }, kind: { $in: ['release', 'recall'] }, status: 'failed', dismissedAt: null }, { orderBy: { failedAt: 'desc', id: 'asc' }, limit: LIST_LIMIT });
    const revisions = rows.length ? await em.find(Revision, { $or: rows.map((d) => ({ item: d.item.id, number: d.revision })) }, { fields: ['item', 'number', 'title'] }) : [];
    const titleOf = new Map(revisions.map((r) => [`${r.item.id}:${r.number}`, r.title]));
    return {
      deliveries: rows.map((d) => ({
        id: d.id, itemId: d.item.id, title: titleOf.get(`${d.item.id}:${d.revision}`) ?? '', kind: d.kind as FailedDeliveryView['kind'], channel: d.channel ?? '',
        revision: d.revision, attemptCount: d.attemptCount, lastStatusCode: d.lastStatusCode ?? null, lastError: d.lastError ?? null, failedAt: d.failedAt ?? null,
      })),
    };
  }

  dismiss(user: UserPrincipal, deliveryId: string, comment: string): Promise<{ id: string; dismissedAt: Date }> {
    return inTransaction(this.em, async ({ em }) => {
      const delivery = await em.getRepository(Delivery).lockWithItem(deliveryId);
      if (!delivery || delivery.item.unit.id !== user.unitId || delivery.kind === 'callback') throw new DomainError('not_found', `delivery ${deliveryId} was not found`);
      assertAdminOfUnit(actorOf(user), delivery.item.unit.id);
      if (!comment || comment.trim() === '') throw new ReasonRequiredError('comment');
      if (delivery.status !== 'failed') throw new StateConflictError(`the delivery is ${delivery.status}: only a failed delivery can be dismissed`);
      if (delivery.dismissedAt) throw new StateConflictError(`the delivery was dismissed already by ${delivery.dismissedBy}`);
      const reason = comment.trim();
      Object.assign(delivery, { dismissedAt: new Date(), dismissedBy: auditActor(user), dismissReason: reason });
      await this.audit.append(em, {
        actor: auditActor(user), action: 'delivery.dismissed', itemId: delivery.item.id,
        data: { deliveryId: delivery.id, kind: delivery.kind, channel: delivery.channel ?? null, revision: delivery.revision, comment: reason },
      });
      return { id: delivery.id, dismissedAt: delivery.dismissedAt! };
    });
  }
}
