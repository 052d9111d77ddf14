import { Entity, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Item } from '../../items/entities/item.entity';
import { DeliveryRepository } from '../delivery.repository';

/** release: the approved revision to a channel; recall: 撤稿 to a channel that accepted it; callback: an event to the CMS. */
export const DELIVERY_KINDS = ['release', 'recall', 'callback'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One webhook to send, the truth about it: the queue job is derived from this row, and its id is
 * the `webhook-id` the receiver deduplicates on, the same on every attempt.
 */
@Entity({ tableName: 'deliveries', repository: () => DeliveryRepository })
@Unique({ properties: ['item', 'kind', 'channel', 'revision'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class Delivery {
  [EntityRepositoryType]?: DeliveryRepository;

  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Item)
  item!: Item;

  @Property({ type: 'string', length: 16 })
  kind!: DeliveryKind;

  /** The channel's name; null for a CMS callback. */
  @Property({ type: 'string', length: 64, nullable: true })
  channel?: string | null;

  @Property({ type: 'integer' })
  revision!: number;

  /** item.released, item.recalled, item.published, … */
  @Property({ type: 'string', length: 32 })
  event!: string;

  /** The approved content hash (release and recall): the worker sends nothing if the revision no longer has it. */
  @Property({ type: 'string', length: 64, nullable: true })
  contentHash?: string | null;

  /** A callback's target, fixed when the event happened; channels are looked up at send time. */
  @Property({ type: 'string', length: 2000, nullable: true })
  url?: string | null;

  /** Frozen at the event for recalls and callbacks; a release is built from its revision at send time. */
  @Property({ type: 'json', nullable: true })
  payload?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 16 })
  status: Opt<DeliveryStatus> = 'pending';

  /** Attempts since creation or the last redelivery; the budget is publishing.maxAttempts. */
  @Property({ type: 'integer' })
  attemptCount: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  /** When it last failed for good; it stays on the administrators' failed list until redelivered or dismissed. */
  @Property({ type: 'datetime', nullable: true })
  failedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  dismissedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  dismissedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  dismissReason?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
