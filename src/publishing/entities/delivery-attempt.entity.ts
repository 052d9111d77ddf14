import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Delivery } from './delivery.entity';

export const ATTEMPT_IN_FLIGHT = 'no outcome recorded: the worker stopped during this attempt';

/**
 * One try at sending a delivery. Written before the request goes out and completed after, so an
 * attempt cut short by a crash still shows on the record.
 */
@Entity({ tableName: 'delivery_attempts' })
@Index({ properties: ['delivery', 'number'] })
export class DeliveryAttempt {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Delivery)
  delivery!: Delivery;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();

  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Property({ type: 'integer', nullable: true })
  durationMs?: number | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null = ATTEMPT_IN_FLIGHT;
}
