import * as nodejieba from 'nodejieba';

/** Characters of context either side of a candidate given to jieba: enough for it to see the neighbouring words. */
const WINDOW = 8;

const enum Edge {
  Yes,
  No,
  /** Two CJK characters meet: only segmentation can tell. */
  Ask,
}

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

/** The edge between the term's character `inner` and its neighbour `outer` (NaN at the end of the text). */
function edge(inner: number, outer: number): Edge {
  if (Number.isNaN(outer)) return Edge.Yes;
  if (isCjk(inner)) return isCjk(outer) ? Edge.Ask : Edge.Yes;
  if (isAlnum(inner)) return isAlnum(outer) ? Edge.No : Edge.Yes;
  return Edge.Yes;
}

/**
 * True when [start, end) of normalised `text` stands as a word of its own, so `机密` in `机密性` is not one. Most
 * edges decide themselves: punctuation, a digit or the end of the text next to a CJK term, a letter next to a
 * Latin one. Only where two CJK characters meet is a small window segmented by jieba (~1–3 M chars/s, and its
 * dictionaries load on the first such call, once per process).
 */
export function standsAsWord(text: string, start: number, end: number): boolean {
  const head = edge(text.charCodeAt(start), start > 0 ? text.charCodeAt(start - 1) : NaN);
  const tail = edge(text.charCodeAt(end - 1), end < text.length ? text.charCodeAt(end) : NaN);
  if (head === Edge.No || tail === Edge.No) return false;
  if (head === Edge.Yes && tail === Edge.Yes) return true;
  // A term split by a line break the automaton stepped over is segmented as the one word it is.
  const term = text.slice(start, end).replace(/\s+/g, '');
  const from = Math.max(0, start - WINDOW);
  const window = text.slice(from, start) + term + text.slice(end, Math.min(text.length, end + WINDOW));
  const wStart = start - from;
  const wEnd = wStart + term.length;
  let at = 0;
  let startOk = head === Edge.Yes || wStart === 0;
  let endOk = tail === Edge.Yes || wEnd === window.length;
  for (const w of nodejieba.cut(window, true)) {
    at += w.length;
    if (at === wStart) startOk = true;
    if (at === wEnd) endOk = true;
    if (at > wEnd) break;
  }
  return startOk && endOk;
}
