import { createHash } from 'node:crypto';
import type { LexiconEntry } from '../types';

/** Hash of the entries, independent of their order in the files. */
export function lexiconVersion(entries: readonly LexiconEntry[]): string {
  const lines = entries
    .map((e) => [e.term, e.category, e.severity, ...(e.allow ? [...e.allow].sort() : [])].join('\t'))
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
