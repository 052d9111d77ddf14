import { AhoCorasick } from './automaton/aho-corasick';
import { lexiconVersion } from './lexicon/lexicon-version';
import { CharFlag, charTable } from './normalize/char-table';
import { normalize } from './normalize/normalizer';
import type { KeywordRule } from './rules/rule';
import type { LexiconEntry, Severity } from './types';

/** What an automaton pattern stands for; one pattern may play several roles. */
export interface PatternRoles {
  rules: readonly KeywordRule[];
  /** Indexes into CompiledLexicon.entries of entries whose term this is. */
  entries: readonly number[];
  globalAllow: boolean;
  /** Entries for which this is an allow phrase. */
  allowFor: readonly number[];
}

export interface CompiledLexicon {
  readonly version: string;
  readonly entries: readonly LexiconEntry[];
  readonly automaton: AhoCorasick;
  readonly roles: readonly PatternRoles[];
  /** Normalised length of each pattern. */
  readonly lengths: Int32Array;
  readonly maxAllowLength: number;
}

const NONE: readonly never[] = Object.freeze([]);

const RANK: Record<Severity, number> = { info: 0, review: 1, block: 2 };

/** Entries with the same term are merged: the stricter severity wins, allow phrases are united. */
export function mergeEntries(lists: readonly (readonly LexiconEntry[])[]): LexiconEntry[] {
  const byTerm = new Map<string, LexiconEntry>();
  for (const list of lists) {
    for (const e of list) {
      const seen = byTerm.get(e.term);
      if (!seen) {
        byTerm.set(e.term, { ...e, allow: e.allow && [...e.allow] });
        continue;
      }
      if (RANK[e.severity] > RANK[seen.severity]) {
        seen.severity = e.severity;
        seen.category = e.category;
      }
      if (e.allow) seen.allow = [...new Set([...(seen.allow ?? []), ...e.allow])];
    }
  }
  return [...byTerm.values()];
}

export function normalizeTerm(term: string): string {
  const { folded, flags } = charTable();
  let plain = true;
  for (let k = 0; k < term.length && plain; k++) {
    const f = flags[term.charCodeAt(k)];
    plain = f === 0 || f === CharFlag.Cjk || f === CharFlag.Digit;
  }
  // Most terms need no noise skipping or expansion: fold them without building an offset map.
  if (plain) return String.fromCharCode(...Array.from(term, (c) => folded[c.charCodeAt(0)])).trim();
  return normalize(term).text.trim();
}

export function compileLexicon(entries: readonly LexiconEntry[], rules: readonly KeywordRule[], globalAllow: readonly string[]): CompiledLexicon {
  const ids = new Map<string, number>();
  const roles: PatternRoles[] = [];
  const patternOf = (raw: string): PatternRoles | undefined => {
    const p = normalizeTerm(raw);
    if (p === '') return undefined;
    let id = ids.get(p);
    if (id === undefined) {
      id = roles.length;
      ids.set(p, id);
      roles.push({ rules: NONE, entries: NONE, globalAllow: false, allowFor: NONE });
    }
    return roles[id];
  };
  // Most patterns play one role: share one empty array for the others (100k terms → 300k fewer arrays).
  for (const rule of rules) {
    for (const k of rule.keywords) {
      const r = patternOf(k);
      if (r) r.rules = r.rules === NONE ? [rule] : [...r.rules, rule];
    }
  }
  let maxAllowLength = 0;
  for (const a of globalAllow) {
    const r = patternOf(a);
    if (r) r.globalAllow = true;
    maxAllowLength = Math.max(maxAllowLength, a.length * 2);
  }
  entries.forEach((e, k) => {
    const r = patternOf(e.term);
    if (r) r.entries = r.entries === NONE ? [k] : [...r.entries, k];
    for (const a of e.allow ?? []) {
      const ra = patternOf(a);
      if (ra) ra.allowFor = ra.allowFor === NONE ? [k] : [...ra.allowFor, k];
      maxAllowLength = Math.max(maxAllowLength, a.length * 2);
    }
  });
  const patterns = [...ids.keys()];
  const automaton = AhoCorasick.compile(patterns);
  return {
    version: lexiconVersion(entries),
    entries,
    automaton,
    roles,
    lengths: Int32Array.from(patterns, (p) => p.length),
    maxAllowLength,
  };
}
