import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Level } from '@clearance/workflow';
import { User } from '../../auth/entities/user.entity';
import { Item } from '../../items/entities/item.entity';

/** 认领: one reviewer holds an item at its level until the claim expires, is released or is cleared by an admin. */
@Entity({ tableName: 'item_claims' })
@Index({ properties: ['item', 'endedAt'] })
export class ItemClaim {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Item)
  item!: Item;

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'string', length: 16 })
  level!: Level;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'datetime' })
  claimedAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** Released by the holder or cleared by an admin; an expired claim keeps null here and simply stops counting. */
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  @Property({ type: 'string', length: 100, nullable: true })
  endedBy?: string | null;
}
