import type { Part } from '@clearance/documents';
import type { Category, Severity } from './types';

/** What the rules and the lexicon found in one text, in offsets into that text. */
export interface TextMatch {
  ruleId: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  normalized: string;
  reason: string;
  suggestion?: string;
}

/** Scans one text (a field, an HTML segment, an attachment's part) with the scanner's rules and lexicon. */
export type MatchText = (text: string, part?: Part) => TextMatch[];
