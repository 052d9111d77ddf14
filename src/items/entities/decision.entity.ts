import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { DecisionKind, Level } from '@clearance/workflow';
import { User } from '../../auth/entities/user.entity';
import { Item } from './item.entity';

/** One reviewer's recorded decision on one revision at one level (谁审核、谁负责). */
@Entity({ tableName: 'decisions' })
@Index({ properties: ['item', 'revision'] })
export class Decision {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Item)
  item!: Item;

  @Property({ type: 'integer' })
  revision!: number;

  /** What the reviewer saw: the revision's content hash. */
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Property({ type: 'string', length: 16 })
  level!: Level | 'admin';

  @Property({ type: 'string', length: 16 })
  decision!: DecisionKind;

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'text', nullable: true })
  comment?: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
