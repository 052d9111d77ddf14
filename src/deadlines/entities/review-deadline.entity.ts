import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Level } from '@clearance/workflow';
import { Unit } from '../../auth/entities/unit.entity';
import { Item } from '../../items/entities/item.entity';

/**
 * One stay of an item at a review level: when it is due, and which reminders went out. It is current while the item
 * is in the state it was started with (see current-deadline.ts); the first timer to find it over closes it. A timer
 * only notifies from this row, it never decides the item.
 */
@Entity({ tableName: 'review_deadlines' })
@Index({ properties: ['item', 'closedAt'] })
@Index({ properties: ['closedAt', 'remindAt'] })
@Index({ properties: ['unit', 'closedAt', 'dueAt'] })
export class ReviewDeadline {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Item)
  item!: Item;

  @ManyToOne(() => Unit)
  unit!: Unit;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'string', length: 16 })
  level!: Level;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  /** Half time: the due_soon reminder. */
  @Property({ type: 'datetime' })
  remindAt!: Date;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  remindedAt?: Date | null;

  /** When overdue and escalated were written to the outbox (together, at the due time). */
  @Property({ type: 'datetime', nullable: true })
  escalatedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;
}
