import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LexiconEntry } from '../types';
import { checkLexiconEntry, LexiconEntryError, termKey, type LexiconEntryLimits } from './lexicon-entry';
import { LexiconError } from './lexicon-error';

/**
 * `term<TAB>category<TAB>severity[<TAB>allow phrase|…[<TAB>match]]`, one entry a line; `#` starts a comment line.
 * `match` is `substring` (the default) or `word`; the allow field may be empty before it. Every entry obeys
 * checkLexiconEntry (and `limits`, for files an administrator imports).
 */
export function parseLexicon(text: string, source = '<lexicon>', limits: LexiconEntryLimits = {}): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const lineNo = k + 1;
    const line = lines[k];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fail = (reason: string): never => {
      throw new LexiconError(source, lineNo, reason);
    };
    const fields = line.split('\t');
    if (fields.length < 3) {
      fail(`expected term<TAB>category<TAB>severity, found ${fields.length} field${fields.length === 1 ? '' : 's'}`);
    }
    if (fields.length > 5) fail(`too many fields (${fields.length}); allow phrases are separated by |, not tabs`);
    const [term, category, severity, allow, match] = fields.map((f) => f.trim());
    let entry: LexiconEntry;
    try {
      entry = checkLexiconEntry({ term, category, severity, allow: allow === undefined || allow === '' ? undefined : allow.split('|'), match }, limits);
    } catch (error) {
      if (!(error instanceof LexiconEntryError)) throw error;
      // A fifth field that is not a mode is most likely a second allow phrase after a tab.
      const hint = error.field === 'match' ? '; allow phrases are separated by |, not tabs' : '';
      throw new LexiconError(source, lineNo, error.reason + hint);
    }
    // Two spellings the scanner matches alike (機密 and 机密) are one term.
    const key = termKey(entry.term);
    const seen = firstLine.get(key);
    if (seen !== undefined) fail(`duplicate term "${term}" (first on line ${seen})`);
    firstLine.set(key, lineNo);
    entries.push(entry);
  }
  return entries;
}

export function loadLexiconFile(file: string): LexiconEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LexiconError(file, 0, code === 'ENOENT' ? `no such file: ${file}` : `cannot read: ${(err as Error).message}`);
  }
  return parseLexicon(text, file);
}

/** Works from libs/scanner/src (ts) and from dist/libs/scanner/src (build): data/ sits beside src/. */
export const DATA_DIR = path.join(__dirname, '..', '..', 'data');

let defaults: LexiconEntry[] | undefined;

export function defaultLexicon(): LexiconEntry[] {
  defaults ??= loadLexiconFile(path.join(DATA_DIR, 'default.lexicon.tsv'));
  return defaults.map((e) => ({ ...e, allow: e.allow && [...e.allow] }));
}

let globalAllow: string[] | undefined;

/** Phrases that suppress any hit they cover: one a line, `#` comments. */
export function globalAllowList(): string[] {
  globalAllow ??= readFileSync(path.join(DATA_DIR, 'global-allow.txt'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return globalAllow;
}
