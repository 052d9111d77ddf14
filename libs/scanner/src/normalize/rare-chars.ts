/*
 * The normaliser's out-of-line path: characters that are not one unit in, one unit out (noise, zero-width, line
 * breaks between CJK characters, NFKC expansions, astral characters), and the loop state it shares with the hot loop.
 */
import { CharFlag, MAX_NOISE_RUN, charTable } from './char-table';

const expansions = new Map<number, Uint16Array>();

function expand(codePoint: number): Uint16Array {
  let out = expansions.get(codePoint);
  if (!out) {
    const { folded } = charTable();
    const s = String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase();
    out = new Uint16Array(s.length);
    for (let k = 0; k < s.length; k++) out[k] = folded[s.charCodeAt(k)];
    expansions.set(codePoint, out);
  }
  return out;
}

/** Loop state handed to the out-of-line slow path (rare characters), which writes units and breakpoints. */
export class Cursor {
  len = 0;
  i = 0;
  lastCjk = 0;
  lastDigit = -2;
  nRuns = 0;
  breaks = 1;
  joins: number[] | undefined;
  constructor(
    public units: Uint16Array,
    public at: Int32Array,
    public delta: Int32Array,
    public runs: Int32Array,
  ) {}

  /** Unit `len` onwards came from `len + d`. */
  mark(len: number, d: number): void {
    const b = this.breaks;
    if (this.at[b - 1] === len) {
      this.delta[b - 1] = d;
      if (b > 1 && this.delta[b - 2] === d) this.breaks = b - 1;
      return;
    }
    if (this.delta[b - 1] === d) return;
    if (b === this.at.length) {
      this.at = growInts(this.at);
      this.delta = growInts(this.delta);
    }
    this.at[b] = len;
    this.delta[b] = d;
    this.breaks = b + 1;
  }

  /** Writes one unit that came from source offset `from`. */
  put(u: number, from: number): void {
    this.mark(this.len, from - this.len);
    this.units[this.len++] = u;
  }

  /** Notes the digit runs among units [from, len) (the same as the hot loop in normalizeUnits). */
  noteDigits(from: number): void {
    for (let k = from; k < this.len; k++) {
      if ((this.units[k] - 48) >>> 0 < 10) {
        if (this.lastDigit !== k - 1) {
          if (this.nRuns === this.runs.length) this.runs = growInts(this.runs);
          this.runs[this.nRuns++] = k;
        }
        this.lastDigit = k;
      }
    }
  }
}

export function growInts(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

function growUnits(units: Uint16Array, need: number): Uint16Array {
  const u = new Uint16Array(Math.max(need, units.length + 64));
  u.set(units);
  return u;
}

const MAX_JOIN_RUN = 8;
const MAX_JOIN_BREAKS = 2;

/**
 * At `i`, after a CJK character: the end of a run of white space holding one or two line breaks and followed by a
 * CJK character (a line wrapped inside a word, `<br>` or `</p><p>` inside 机密), else -1.
 */
function joinRunEnd(source: string, i: number): number {
  const { flags } = charTable();
  const n = source.length;
  let breaks = 0;
  let j = i;
  for (; j < n && j - i < MAX_JOIN_RUN; j++) {
    const g = source.charCodeAt(j);
    const f = flags[g];
    if (f & CharFlag.LineBreak) {
      if (g !== 13 || source.charCodeAt(j + 1) !== 10) breaks++;
    } else if (!(g === 32 || g === 9 || g === 0xa0 || g === 0x3000 || f & CharFlag.ZeroWidth)) break;
  }
  return breaks >= 1 && breaks <= MAX_JOIN_BREAKS && j < n && flags[source.charCodeAt(j)] & CharFlag.Cjk ? j : -1;
}

/** Noise, zero-width, expanding and astral characters at `cur.i`: writes their units (if any), advances `cur.i`. */
export function slowPath(source: string, c: number, cur: Cursor): void {
  const { folded, flags } = charTable();
  const f = flags[c];
  const n = source.length;
  let i = cur.i;
  let from = cur.len;
  // Expansions may have put len ahead of i: keep room for the rest of the input at one unit per character.
  if (cur.len - i + 24 > cur.units.length - n) cur.units = growUnits(cur.units, n + 2 * (cur.len - i) + 64);
  const join = f & (CharFlag.Noise | CharFlag.LineBreak) && cur.lastCjk ? joinRunEnd(source, i) : -1;
  if (join > 0) {
    // Kept in the text (lines still end there for the rules), but listed: the automaton steps over them and sees 机密 in 机\n密.
    const joins = (cur.joins ??= []);
    joins.push(cur.len);
    for (; i < join; i++) {
      const g = source.charCodeAt(i);
      if (!(flags[g] & CharFlag.ZeroWidth)) cur.put(folded[g], i);
    }
    joins.push(cur.len);
    i--;
    from = cur.len;
  } else if (f & CharFlag.ZeroWidth) {
    // dropped
  } else if (f & CharFlag.Noise) {
    // Skip a short run of noise only when it sits between two CJK characters.
    let j = i;
    let run = 0;
    while (j < n && run <= MAX_NOISE_RUN) {
      const g = flags[source.charCodeAt(j)];
      if (g & CharFlag.ZeroWidth) j++;
      else if (g & CharFlag.Noise) {
        j++;
        run++;
      } else break;
    }
    if (cur.lastCjk && run <= MAX_NOISE_RUN && j < n && flags[source.charCodeAt(j)] & CharFlag.Cjk) {
      i = j - 1;
    } else {
      for (; i < j; i++) {
        const g = source.charCodeAt(i);
        if (!(flags[g] & CharFlag.ZeroWidth)) cur.put(folded[g], i);
      }
      i--;
      cur.lastCjk = 0;
    }
  } else if (f & CharFlag.HighSurrogate && i + 1 < n && (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    const low = source.charCodeAt(i + 1);
    const cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    const e = expand(cp);
    if (e.length === 2 && e[0] === c && e[1] === low) {
      cur.put(c, i);
      cur.put(low, i + 1);
    } else {
      for (let k = 0; k < e.length; k++) cur.put(e[k], i);
    }
    i++;
    cur.lastCjk = 0;
  } else if (f & CharFlag.Expands) {
    const e = expand(c);
    for (let k = 0; k < e.length; k++) cur.put(e[k], i);
    cur.lastCjk = e.length > 0 && (flags[e[e.length - 1]] & CharFlag.Cjk) !== 0 ? 1 : 0;
  } else {
    cur.put(folded[c], i);
    cur.lastCjk = f & CharFlag.Cjk ? 1 : 0;
  }
  cur.i = i;
  // The next one-to-one unit comes from i + 1.
  cur.mark(cur.len, i + 1 - cur.len);
  cur.noteDigits(from);
}
