import { Entity, EntityRepositoryType, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Category, MatchMode, Severity } from '@clearance/scanner';
import { LexiconTermRepository } from '../lexicon-term.repository';

/** A lexicon term kept by a secrecy administrator; scanned alongside the shipped default lexicon while active. */
@Entity({ tableName: 'lexicon_terms', repository: () => LexiconTermRepository })
export class LexiconTerm {
  [EntityRepositoryType]?: LexiconTermRepository;

  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  /** As the administrator wrote it. */
  @Property({ type: 'string', length: 64 })
  term!: string;

  /** The term as the scanner matches it (机密资料 for 機密資料): at most one active term per key (a partial unique index). */
  @Property({ type: 'string', length: 256 })
  termKey!: string;

  @Property({ type: 'string', length: 32 })
  category!: Category;

  @Property({ type: 'string', length: 8 })
  severity!: Severity;

  /** `substring` wherever the term's characters occur; `word` only where it stands as a word of its own. */
  @Property({ type: 'string', length: 16, fieldName: 'match_mode' })
  match: Opt<MatchMode> = 'substring';

  /** Phrases that contain the term and suppress a hit they cover. */
  @Property({ type: 'json' })
  allow: Opt<string[]> = [];

  /** Why the term is in the lexicon. */
  @Property({ type: 'text' })
  note!: string;

  /** Deactivated terms are kept for the record of what was scanned with them. */
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  /** The audit actor who added it (user:<name> or cli). */
  @Property({ type: 'string', length: 200 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
