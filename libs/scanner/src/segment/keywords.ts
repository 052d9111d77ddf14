import * as nodejieba from 'nodejieba';

/**
 * Keywords are a summary for the reviewer: the first MAX_CHARS are representative, and extract() over a whole
 * 2 MB body costs about a second (measured: ~3 M chars/s), so longer bodies are sampled from their head.
 */
export const KEYWORD_MAX_CHARS = 20_000;

const NOISE_WORD = /^[\d\s\p{P}\p{S}a-z]+$/u;

export function topKeywords(text: string, n: number): string[] {
  if (n <= 0 || text.trim() === '') return [];
  const sample = text.length > KEYWORD_MAX_CHARS ? text.slice(0, KEYWORD_MAX_CHARS) : text;
  const out: string[] = [];
  for (const { word } of nodejieba.extract(sample, n * 2)) {
    if (!NOISE_WORD.test(word) && !out.includes(word)) out.push(word);
    if (out.length === n) break;
  }
  return out;
}
