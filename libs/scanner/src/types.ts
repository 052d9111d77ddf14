import type { Coverage, ExtractedDocument, Location } from '@clearance/documents';

export type Category =
  | 'classified-marking'
  | 'internal-marking'
  | 'personal-info'
  | 'process-info'
  | 'sensitive-term'
  /** 未能审查的内容: part of an attachment could not be read (encrypted, damaged, over a limit…). */
  | 'not-examined'
  /** 隐藏内容: comments, tracked changes, hidden text or elements, released with the file but not seen on the page. */
  | 'hidden-content';
export type Severity = 'block' | 'review' | 'info';
export type Verdict = 'pass' | 'review' | 'block';
export type Format = 'text' | 'html';
export type Field = 'title' | 'body' | 'attachment';

export const CATEGORIES: readonly Category[] = [
  'classified-marking',
  'internal-marking',
  'personal-info',
  'process-info',
  'sensitive-term',
  'not-examined',
  'hidden-content',
];
/** What a lexicon entry may be: what text says, not where it sits or whether it was read. */
export const LEXICON_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => c !== 'not-examined' && c !== 'hidden-content');
export const SEVERITIES: readonly Severity[] = ['block', 'review', 'info'];

export interface Hit {
  ruleId: string;
  category: Category;
  severity: Severity;
  field: Field;
  /** Index into ScanInput.attachments (field `attachment`). */
  attachment?: number;
  /** Index into that attachment's AttachmentScan.parts; absent for what could not be read. */
  partIndex?: number;
  /**
   * Where the hit sits: for an attachment, the exact location of the piece it starts in; for a body hit in a
   * hidden HTML place, `{ file: '', part: 'html-comment' | 'html-attribute' | 'html-hidden' | 'script', field? }`.
   * Ordinary body and title hits have none.
   */
  location?: Location;
  /**
   * UTF-16 offsets into the original field (the HTML source for html); for an attachment, into
   * parts[partIndex].text.
   */
  start: number;
  end: number;
  /** === original.slice(start, end) */
  text: string;
  /** html only, visible text only: offsets into extractText(body, 'html').text. */
  plainStart?: number;
  plainEnd?: number;
  normalized: string;
  context: string;
  reason: string;
  suggestion?: string;
}

/** One attachment's part: consecutive pieces in one place (a sheet, a page, the body…), joined as scanned. */
export interface AttachmentPart {
  /** The place, without the paragraph or cell of any one piece. */
  location: Location;
  text: string;
}

export interface AttachmentScan {
  filename: string;
  /** Of this attachment alone: its hits and what could not be read. */
  verdict: Verdict;
  coverage: Coverage;
  parts: AttachmentPart[];
}

export interface ScanResult {
  /** Of everything: title, body, every attachment and what could not be read in them. */
  verdict: Verdict;
  hits: Hit[];
  keywords: string[];
  lexiconVersion: string;
  rulesVersion: string;
  durationMs: number;
  /** In the order of ScanInput.attachments; empty when there are none. */
  attachments: AttachmentScan[];
}

/**
 * How a lexicon term is matched: `substring` (the default) wherever its characters occur, so a code name an
 * administrator adds is never silently dropped; `word` only where it stands as a word of its own (机密 not in
 * 机密性), for short terms that are also parts of ordinary words.
 */
export type MatchMode = 'substring' | 'word';
export const MATCH_MODES: readonly MatchMode[] = ['substring', 'word'];

export interface LexiconEntry {
  term: string;
  category: Category;
  severity: Severity;
  allow?: string[];
  /** Absent: `substring`. */
  match?: MatchMode;
}

export interface ScanInput {
  title?: string;
  body: string;
  format?: Format;
  /** Files submitted with the body, already extracted (extractDocument from @clearance/documents). */
  attachments?: Array<{ filename: string; document: ExtractedDocument }>;
}
