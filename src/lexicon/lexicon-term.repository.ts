import { EntityManager, EntityRepository } from '@mikro-orm/core';
import type { LexiconEntry } from '@clearance/scanner';
import { sql } from '../database/raw-sql';
import type { LexiconTerm } from './entities/lexicon-term.entity';

export class LexiconTermRepository extends EntityRepository<LexiconTerm> {
  /** The active terms as scanner entries. */
  async activeEntries(): Promise<LexiconEntry[]> {
    const terms = await this.find({ active: true }, { fields: ['term', 'category', 'severity', 'allow', 'match'], orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true });
    return terms.map((t) => ({
      term: t.term,
      category: t.category,
      severity: t.severity,
      ...(t.allow.length ? { allow: [...t.allow] } : {}),
      ...(t.match === 'word' ? { match: 'word' as const } : {}),
    }));
  }

  findActiveByKey(termKey: string): Promise<LexiconTerm | null> {
    return this.findOne({ termKey, active: true });
  }
}

/** The lexicon revision as committed now: one primary-key read. */
export async function readLexiconRevision(em: EntityManager): Promise<number> {
  // A plain statement: it runs before every scan.
  const [row] = await sql<{ revision: number | string }>(em, 'select revision from lexicon_revision where id = 1');
  if (!row) throw new Error('the lexicon_revision row is missing: the migrations have not run');
  return Number(row.revision);
}
