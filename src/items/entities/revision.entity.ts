import { Entity, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Format } from '@clearance/scanner';
import { Item } from './item.entity';

/** The exact text of one submission of an item; immutable once written. */
@Entity({ tableName: 'revisions' })
@Unique({ properties: ['item', 'number'] })
export class Revision {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Item)
  item!: Item;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', lazy: true })
  body!: string;

  @Property({ type: 'string', length: 8 })
  format!: Format;

  /** How many attachments the revision carries: a revision with any is scanned on the extract queue. */
  @Property({ type: 'integer' })
  attachmentCount: Opt<number> = 0;

  /** sha256 of the canonical title + body + format (+ the attachments' names and hashes), see content-hash.ts */
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
