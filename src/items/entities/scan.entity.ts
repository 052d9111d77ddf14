import { Entity, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Coverage } from '@clearance/documents';
import type { Hit, Verdict } from '@clearance/scanner';
import type { HitSummary } from '../hit-groups';
import { Revision } from './revision.entity';

/** What a scan found in one attachment; the text of its parts is in scan_parts. */
export interface ScanAttachment {
  filename: string;
  verdict: Verdict;
  coverage: Coverage;
  /** Parts the scanner read from the file, and how many of them were stored for reviewers to read. */
  parts: number;
  partsStored: number;
  /** True when the stored text was cut at the per-scan cap: what reviewers can read back is incomplete. */
  partsCapped: boolean;
}

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

  /** What the item view shows of `hits`, made when the scan is stored; null for scans stored before it was. Lazy: only the views read it. */
  @Property({ type: 'json', nullable: true, lazy: true })
  hitSummary?: HitSummary | null;

  @Property({ type: 'json' })
  keywords: Opt<string[]> = [];

  /** One entry per attachment of the revision, in its order. */
  @Property({ type: 'json' })
  attachments: Opt<ScanAttachment[]> = [];

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
