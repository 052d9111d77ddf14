import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { DispositionOutcome, Level } from '@clearance/workflow';
import { User } from '../../auth/entities/user.entity';
import { Decision } from './decision.entity';
import { Item } from './item.entity';

/** What a reviewer recorded about one hit with their decision: 已核实可公开 (verified) or 误报 (false-positive). */
@Entity({ tableName: 'hit_dispositions' })
@Index({ properties: ['item', 'revision'] })
export class HitDisposition {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Decision)
  decision!: Decision;

  @ManyToOne(() => Item)
  item!: Item;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'string', length: 16 })
  level!: Level;

  /** Its place in the decision's list, as the reviewer sent it. */
  @Property({ type: 'integer' })
  position!: number;

  /** The hit's stable id in the item view (hit-groups.ts). */
  @Property({ type: 'string', length: 40 })
  hitId!: string;

  /** The hit's rule, kept so the record reads on its own. */
  @Property({ type: 'string', length: 200 })
  ruleId!: string;

  @Property({ type: 'string', length: 16 })
  outcome!: DispositionOutcome;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
