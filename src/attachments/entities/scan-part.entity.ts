import { Entity, EntityRepositoryType, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import type { Location } from '@clearance/documents';
import { randomUUID } from 'node:crypto';
import { Scan } from '../../items/entities/scan.entity';
import { ScanPartRepository } from '../scan-part.repository';

/** One part's text as the scanner read it from an attachment, kept so reviewers can read what was scanned. */
@Entity({ tableName: 'scan_parts', repository: () => ScanPartRepository })
@Unique({ properties: ['scan', 'attachmentIndex', 'partIndex'] })
export class ScanPart {
  [EntityRepositoryType]?: ScanPartRepository;

  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Scan)
  scan!: Scan;

  /** The attachment's position in its revision. */
  @Property({ type: 'integer' })
  attachmentIndex!: number;

  /** The part's index in the scanner's list for that attachment, which hits' `partIndex` names. */
  @Property({ type: 'integer' })
  partIndex!: number;

  @Property({ type: 'json' })
  location!: Location;

  @Property({ type: 'text' })
  text!: string;
}
