import { AhoCorasick } from './automaton/aho-corasick';
import { lexiconVersion } from './lexicon/lexicon-version';
import { CharFlag, charTable } from './normalize/char-table';
import { normalize, warmUp } from './normalize/normalizer';
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

/** Entries with the same term are merged: the stricter severity wins, allow phrases are united, substring beats word. */
export function mergeEntries(lists: readonly (readonly LexiconEntry[])[]): LexiconEntry[] {
  // Entries are shared with the input until a merge has to change one: then that one is copied (100k entries,
  // almost all unique, would otherwise cost 100k object and array copies on every Scanner.create).
  const byTerm = new Map<string, LexiconEntry>();
  const copied = new Set<LexiconEntry>();
  for (const list of lists) {
    for (const e of list) {
      let seen = byTerm.get(e.term);
      if (!seen) {
        byTerm.set(e.term, e);
        continue;
      }
      if (!copied.has(seen)) {
        seen = { ...seen, allow: seen.allow && [...seen.allow] };
        copied.add(seen);
        byTerm.set(e.term, seen);
      }
      if (RANK[e.severity] > RANK[seen.severity]) {
        seen.severity = e.severity;
        seen.category = e.category;
      }
      // Substring matching finds every hit word matching finds: the wider one wins, so nothing goes unseen.
      if (seen.match === 'word' && e.match !== 'word') delete seen.match;
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
  // Most terms need no noise skipping or expansion: fold them without building an offset map, and most of
  // those fold to themselves.
  if (plain) {
    let same = true;
    for (let k = 0; k < term.length && same; k++) same = folded[term.charCodeAt(k)] === term.charCodeAt(k);
    if (same) return term.trim();
    let out = '';
    for (let k = 0; k < term.length; k++) out += String.fromCharCode(folded[term.charCodeAt(k)]);
    return out.trim();
  }
  return normalize(term).text.trim();
}

/** `version` may be passed when the caller has already computed lexiconVersion(entries) (it costs ~0.2 s per 100k). */
export function compileLexicon(
  entries: readonly LexiconEntry[],
  rules: readonly KeywordRule[],
  globalAllow: readonly string[],
  version?: string,
): CompiledLexicon {
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
  warmUp(automaton);
  return {
    version: version ?? lexiconVersion(entries),
    entries,
    automaton,
    roles,
    lengths: Int32Array.from(patterns, (p) => p.length),
    maxAllowLength,
  };
}
