const CONTEXT_CHARS = 20;

/** `text` around [start, end), CONTEXT_CHARS either side, never cutting a surrogate pair. */
export function contextOf(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return text.slice(from, to);
}

/** The first `max` units of `text` from `start`, not ending inside a surrogate pair: the end offset. */
export function headEnd(text: string, start: number, max: number): number {
  let end = Math.min(text.length, start + max);
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
