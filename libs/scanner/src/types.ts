export type Category = 'classified-marking' | 'internal-marking' | 'personal-info' | 'process-info' | 'sensitive-term';
export type Severity = 'block' | 'review' | 'info';
export type Verdict = 'pass' | 'review' | 'block';
export type Format = 'text' | 'html';
export type Field = 'title' | 'body';

export const CATEGORIES: readonly Category[] = [
  'classified-marking',
  'internal-marking',
  'personal-info',
  'process-info',
  'sensitive-term',
];
export const SEVERITIES: readonly Severity[] = ['block', 'review', 'info'];

export interface Hit {
  ruleId: string;
  category: Category;
  severity: Severity;
  field: Field;
  /** UTF-16 offsets into the original field (the HTML source for html). */
  start: number;
  end: number;
  /** === original.slice(start, end) */
  text: string;
  /** html only: offsets into extractText(body, 'html').text. */
  plainStart?: number;
  plainEnd?: number;
  normalized: string;
  context: string;
  reason: string;
  suggestion?: string;
}

export interface ScanResult {
  verdict: Verdict;
  hits: Hit[];
  keywords: string[];
  lexiconVersion: string;
  rulesVersion: string;
  durationMs: number;
}

export interface LexiconEntry {
  term: string;
  category: Category;
  severity: Severity;
  allow?: string[];
}

export interface ScanInput {
  title?: string;
  body: string;
  format?: Format;
}
