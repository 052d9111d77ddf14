import * as OpenCC from 'opencc-js';

/** Per-code-unit facts, bit flags in CHAR_FLAGS. */
export const enum CharFlag {
  Cjk = 1,
  /** Dropped between CJK characters (at most MAX_NOISE_RUN in a row). */
  Noise = 2,
  /** Invisible: dropped everywhere. */
  ZeroWidth = 4,
  Digit = 8,
  /** The normalised form is not one code unit: take the slow path. */
  Expands = 16,
  HighSurrogate = 32,
  /** \n, \r, U+2028/2029: kept, but a break between two CJK characters is transparent to the automaton. */
  LineBreak = 64,
}

export const MAX_NOISE_RUN = 3;

const NOISE = ' \t\u00a0\u3000*_·※-—\u2014\u2013\u30fb\uff65';
const LINE_BREAKS = '\n\r\u2028\u2029';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e';

function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * Single-character entries of opencc's traditional→simplified table. Regional variant tables are left out on
 * purpose: they map characters that are also valid simplified ones (著→着) and would corrupt simplified text.
 */
function traditionalToSimplified(): Map<number, number> {
  const map = new Map<number, number>();
  const locale = (OpenCC as unknown as { Locale: { to: { cn: unknown[] } } }).Locale;
  for (const dict of locale.to.cn.flat(Infinity) as string[]) {
    for (const pair of dict.split('|')) {
      const [from, to] = pair.split(' ');
      if (from?.length === 1 && to?.length === 1 && !map.has(from.charCodeAt(0))) {
        map.set(from.charCodeAt(0), to.charCodeAt(0));
      }
    }
  }
  return map;
}

function build(): { folded: Uint16Array; flags: Uint8Array } {
  const folded = new Uint16Array(65536);
  const flags = new Uint8Array(65536);
  const t2s = traditionalToSimplified();
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      folded[c] = c;
      if (c <= 0xdbff) flags[c] |= CharFlag.HighSurrogate;
      continue;
    }
    const s = String.fromCharCode(c).normalize('NFKC').toLowerCase();
    if (s.length !== 1) {
      folded[c] = c;
      flags[c] |= CharFlag.Expands;
      continue;
    }
    let f = s.charCodeAt(0);
    f = t2s.get(f) ?? f;
    folded[c] = f;
    if (isCjk(f)) flags[c] |= CharFlag.Cjk;
    if (f >= 0x30 && f <= 0x39) flags[c] |= CharFlag.Digit;
  }
  for (const ch of NOISE) flags[ch.charCodeAt(0)] |= CharFlag.Noise;
  // NFKC turns U+3000 into a space and ＊ into *: the full-width forms are noise too.
  for (const ch of '\uff0a\uff3f\u2015\u2212\uff0d') flags[ch.charCodeAt(0)] |= CharFlag.Noise;
  for (const ch of LINE_BREAKS) flags[ch.charCodeAt(0)] |= CharFlag.LineBreak;
  for (const ch of ZERO_WIDTH) {
    flags[ch.charCodeAt(0)] = CharFlag.ZeroWidth;
  }
  return { folded, flags };
}

let table: { folded: Uint16Array; flags: Uint8Array } | undefined;

/** Built once per process (~40 ms): NFKC + lower case + traditional→simplified for every BMP code unit. */
export function charTable(): { folded: Uint16Array; flags: Uint8Array } {
  table ??= build();
  return table;
}

/** Normalises a string that is not on the hot path (lexicon terms, allow phrases). */
export function foldString(s: string): string {
  const { folded, flags } = charTable();
  let out = '';
  for (const ch of s.normalize('NFKC').toLowerCase()) {
    if (ch.length === 1) {
      const c = ch.charCodeAt(0);
      if (flags[c] & CharFlag.ZeroWidth) continue;
      out += String.fromCharCode(folded[c]);
    } else out += ch;
  }
  return out;
}
