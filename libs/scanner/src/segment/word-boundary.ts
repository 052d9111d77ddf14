import * as nodejieba from 'nodejieba';

/** Characters of context either side of a candidate given to jieba: enough for it to see the neighbouring words. */
const WINDOW = 8;

/**
 * True when [start, end) of `text` starts and ends on jieba word boundaries, so `机密` in `机密性` is not a word
 * of its own. Only a small window around the candidate is segmented: jieba is ~1–3 M chars/s.
 */
export function standsAsWord(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(text.length, end + WINDOW);
  const words = nodejieba.cut(text.slice(from, to), true);
  let at = from;
  let startOk = start === from;
  let endOk = end === to;
  for (const w of words) {
    at += w.length;
    if (at === start) startOk = true;
    if (at === end) endOk = true;
    if (at > end) break;
  }
  return startOk && endOk;
}
