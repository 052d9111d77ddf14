import { normalizeTerm } from '../compiled-lexicon';
import { LEXICON_CATEGORIES, MATCH_MODES, SEVERITIES, type Category, type LexiconEntry, type MatchMode, type Severity } from '../types';

export type LexiconEntryField = 'term' | 'category' | 'severity' | 'allow' | 'match';

/** One entry that cannot be used, naming the field at fault; the file parser adds its source and line. */
export class LexiconEntryError extends Error {
  constructor(
    readonly field: LexiconEntryField,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'LexiconEntryError';
  }
}

export interface LexiconEntryInput {
  term: string;
  category: string;
  severity: string;
  allow?: readonly string[];
  /** `substring` (the default when absent or empty) or `word`. */
  match?: string;
}

/** Bounds for entries typed in by people (the shipped files have none); lengths in UTF-16 code units. */
export interface LexiconEntryLimits {
  maxTermLength?: number;
  maxAllowPhrases?: number;
  maxAllowLength?: number;
}

/** What the scanner matches a term as: two spellings with the same key are the same term (機密資料 = 机密资料). */
export function termKey(term: string): string {
  return normalizeTerm(term);
}

/**
 * The rules every lexicon entry obeys, in a file or entered by an administrator: a term the scanner can
 * match, a known category, severity and match mode, and allow phrases that each contain the term once normalised
 * (an allow phrase only suppresses a hit it covers, so one without the term would never apply).
 */
export function checkLexiconEntry(input: LexiconEntryInput, limits: LexiconEntryLimits = {}): LexiconEntry {
  const fail = (field: LexiconEntryField, reason: string): never => {
    throw new LexiconEntryError(field, reason);
  };
  const term = input.term.trim();
  if (term === '') fail('term', 'empty term');
  if (limits.maxTermLength !== undefined && term.length > limits.maxTermLength) {
    fail('term', `term is longer than ${limits.maxTermLength} characters`);
  }
  const key = termKey(term);
  // Spaces, zero-width characters and punctuation are dropped or ignored by the scanner: such a term never matches.
  if (!/[\p{L}\p{N}]/u.test(key)) fail('term', `term "${term}" has no letter or digit: the scanner ignores the characters it holds`);
  if (!LEXICON_CATEGORIES.includes(input.category as Category)) {
    fail('category', `unknown category "${input.category}" (expected one of ${LEXICON_CATEGORIES.join(', ')})`);
  }
  if (!SEVERITIES.includes(input.severity as Severity)) {
    fail('severity', `unknown severity "${input.severity}" (expected one of ${SEVERITIES.join(', ')})`);
  }
  const match = (input.match ?? '').trim();
  if (match !== '' && !MATCH_MODES.includes(match as MatchMode)) {
    fail('match', `unknown match mode "${match}" (expected one of ${MATCH_MODES.join(', ')})`);
  }
  const entry: LexiconEntry = { term, category: input.category as Category, severity: input.severity as Severity };
  if (match === 'word') entry.match = 'word';
  if (input.allow && input.allow.length > 0) {
    const phrases = input.allow.map((p) => p.trim());
    if (phrases.some((p) => p === '')) fail('allow', 'empty allow phrase');
    if (limits.maxAllowPhrases !== undefined && phrases.length > limits.maxAllowPhrases) {
      fail('allow', `more than ${limits.maxAllowPhrases} allow phrases`);
    }
    const maxLength = limits.maxAllowLength ?? Infinity;
    const long = phrases.find((p) => p.length > maxLength);
    if (long !== undefined) fail('allow', `allow phrase "${long}" is longer than ${maxLength} characters`);
    const missing = phrases.find((p) => !termKey(p).includes(key));
    if (missing !== undefined) fail('allow', `allow phrase "${missing}" does not contain the term "${term}"`);
    entry.allow = [...new Set(phrases)];
  }
  return entry;
}
