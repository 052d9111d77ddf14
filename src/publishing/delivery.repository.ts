import { EntityRepository, Loaded, Populate } from '@mikro-orm/core';
import { lockItem } from '../database/transaction';
import { Delivery } from './entities/delivery.entity';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';

export class DeliveryRepository extends EntityRepository<Delivery> {
  /** The delivery's item row locked first (the lock order of inTransaction), then the delivery read again under that lock. */
  async lockWithItem<P extends string = never>(id: string, populate?: Populate<Delivery, P>): Promise<Loaded<Delivery, P> | null> {
    const found = await this.findOne({ id });
    if (!found || !(await lockItem(this.getEntityManager(), found.item.id))) return null;
    return this.findOne({ id }, { populate, refresh: true });
  }

  /** Every delivery of an item with its attempts, oldest first. */
  async withAttempts(itemId: string): Promise<Array<{ delivery: Delivery; attempts: DeliveryAttempt[] }>> {
    const deliveries = await this.find({ item: itemId }, { orderBy: { createdAt: 'asc', kind: 'asc', channel: 'asc' } });
    const attempts = deliveries.length
      ? await this.getEntityManager().find(DeliveryAttempt, { delivery: { $in: deliveries.map((d) => d.id) } }, { orderBy: { number: 'asc', at: 'asc' } })
      : [];
    return deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.delivery.id === delivery.id) }));
  }

  /** An item's releases and recalls, not its callbacks: by revision, then channel, each release before its recall. */
  toChannels(itemId: string): Promise<Delivery[]> {
    return this.find({ item: itemId, kind: { $in: ['release', 'recall'] } }, { orderBy: { revision: 'asc', channel: 'asc', createdAt: 'asc' } });
  }

  /** The release deliveries of one revision of an item. */
  releasesOf(itemId: string, revision: number): Promise<Delivery[]> {
    return this.find({ item: itemId, kind: 'release', revision }, { orderBy: { channel: 'asc' } });
  }

  /** Deliveries still owed, soonest due first (for the reconciler). */
  /** Pending deliveries a page at a time, by id after the given one (for the reconciler's full walk). */
  pending(limit: number, afterId?: string): Promise<Delivery[]> {
    return this.find(afterId ? { status: 'pending', id: { $gt: afterId } } : { status: 'pending' }, { orderBy: { id: 'asc' }, limit });
  }
}
