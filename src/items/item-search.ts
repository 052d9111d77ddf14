import type { Knex } from '@mikro-orm/knex';

/** Both indexes (pg_trgm, FTS5 trigram) find substrings of three characters or more; shorter terms scan. */
export const INDEXED_TERM_LENGTH = 3;
export const MAX_TERMS = 10;

/** Whitespace-separated terms of a free-text query, each to occur in the title or the body. */
export function searchTerms(q: string | undefined): string[] {
  return [...new Set((q ?? '').split(/\s+/u).filter((term) => term !== ''))].slice(0, MAX_TERMS);
}

const length = (term: string) => [...term].length;
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** An FTS5 string: the term as one phrase, its quotes doubled, so nothing in it is query syntax. */
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** Up to this many FTS5 matches, a page starts from the matches; beyond, from the sort index (see whereText). */
export const SELECTIVE_MATCHES = 2000;

/** The FTS5 query for the terms the trigram index serves, or null when there are none. */
export function ftsQuery(terms: string[]): string | null {
  const indexed = terms.filter((term) => length(term) >= INDEXED_TERM_LENGTH);
  return indexed.length ? indexed.map(ftsPhrase).join(' ') : null;
}

/**
 * Narrows `query` (which joins item_search as `t`) to items whose current title or body contains every term.
 * PostgreSQL: ILIKE, which the pg_trgm GIN indexes serve for terms of 3+ characters. SQLite: one FTS5 MATCH for
 * the 3+ character terms, LIKE for shorter ones (evaluated on the rows the other conditions leave).
 * `selective` (SQLite): the MATCH has at most SELECTIVE_MATCHES rows, so the page starts from them; otherwise the
 * sort index is read in order and each row tested against the matches (`+ 0` keeps SQLite from starting there),
 * since starting from tens of thousands of matches meant joining and sorting them all for one page.
 */
export function whereText(query: Knex.QueryBuilder, terms: string[], postgres: boolean, selective = false): void {
  if (terms.length === 0) return;
  if (postgres) {
    for (const term of terms) query.whereRaw('(t.title ilike ? or t.body ilike ?)', [likePattern(term), likePattern(term)]);
    return;
  }
  const match = ftsQuery(terms);
  if (match) query.whereRaw(`t.seq${selective ? '' : ' + 0'} in (select rowid from item_search_fts where item_search_fts match ?)`, [match]);
  for (const term of terms.filter((t) => length(t) < INDEXED_TERM_LENGTH)) {
    query.whereRaw("(t.title like ? escape '\\' or t.body like ? escape '\\')", [likePattern(term), likePattern(term)]);
  }
}
