import type { Format } from '../types';
import { extractHtml } from './html-extractor';

/** Text to scan, and where each of its code units came from in the source. */
export interface ExtractedText {
  readonly text: string;
  /** Source offset where text unit `offset` starts (`source.length` at the end). */
  toSource(offset: number): number;
  /** Source offset just past text unit `end - 1`: the end of a range [start, end) in the source. */
  toSourceEnd(end: number): number;
}

export function extractText(source: string, format: Format): ExtractedText {
  if (format === 'html') return extractHtml(source);
  if (format !== 'text') throw new Error(`unknown format: ${String(format)}`);
  return { text: source, toSource: (o) => o, toSourceEnd: (e) => e };
}
