import { Entity, PrimaryKey, Property, Opt } from '@mikro-orm/core';

/**
 * Single row counting lexicon changes: bumped (and so locked) in the transaction of every change, and read
 * before every scan so each process rebuilds its compiled lexicon once the database holds another one.
 */
@Entity({ tableName: 'lexicon_revision' })
export class LexiconRevision {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: Opt<number> = 1;

  @Property({ type: 'integer' })
  revision: Opt<number> = 0;

  @Property({ type: 'datetime', nullable: true })
  changedAt?: Date;
}
