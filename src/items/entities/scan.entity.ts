import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Hit, Verdict } from '@clearance/scanner';
import { Revision } from './revision.entity';

/** The scanner's result for one revision; at most one per revision. */
@Entity({ tableName: 'scans' })
export class Scan {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Revision, { unique: true })
  revision!: Revision;

  @Property({ type: 'string', length: 8 })
  verdict!: Verdict;

  @Property({ type: 'json' })
  hits: Opt<Hit[]> = [];

  @Property({ type: 'json' })
  keywords: Opt<string[]> = [];

  @Property({ type: 'string', length: 80 })
  lexiconVersion!: string;

  @Property({ type: 'string', length: 80 })
  rulesVersion!: string;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'datetime' })
  @Index()
  createdAt: Opt<Date> = new Date();
}
