import { AhoCorasick, IntList, MatchSink } from '../automaton/aho-corasick';
import { CharFlag, MAX_NOISE_RUN, charTable } from './char-table';

/**
 * The normalised form of a string, with a map back to it. `units[i]` came from `source[origin[i]]`; rules
 * work on `text` (=== units as a string) and report in source offsets through `sourceStart`/`sourceEnd`.
 */
export interface NormalizedText {
  readonly source: string;
  readonly text: string;
  readonly units: Uint16Array;
  readonly length: number;
  /** `origin[i]` for i in 0..length (`origin[length] === source.length`); built on first use. */
  readonly origin: Int32Array;
  /**
   * Line breaks between two CJK characters (机\n密, a wrapped line, `<br>` inside a word), as [from, to) pairs of
   * units in order: kept in `text`, but the automaton stepped over them, so a match may span one.
   */
  readonly joins: readonly number[];
}

const NO_JOINS: readonly number[] = Object.freeze([]);

/**
 * The offset map is kept as breakpoints: from unit `at[k]` on (until the next breakpoint), unit i came from
 * source offset `i + delta[k]`. Plain text has one breakpoint, so the scan writes no per-unit offset at all.
 */
class NormalizedDoc implements NormalizedText {
  private full: Int32Array | undefined;
  constructor(
    readonly source: string,
    readonly text: string,
    readonly units: Uint16Array,
    readonly length: number,
    readonly at: Int32Array,
    readonly delta: Int32Array,
    readonly breaks: number,
    readonly joins: readonly number[],
  ) {}

  get origin(): Int32Array {
    if (!this.full) {
      const o = new Int32Array(this.length + 1);
      for (let k = 0; k < this.breaks; k++) {
        const to = k + 1 < this.breaks ? this.at[k + 1] : this.length + 1;
        for (let i = this.at[k]; i < to; i++) o[i] = i + this.delta[k];
      }
      this.full = o;
    }
    return this.full;
  }

  /** Source offset of unit i (0 <= i <= length). */
  sourceOf(i: number): number {
    const at = this.at;
    let lo = 0;
    let hi = this.breaks;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] <= i) lo = mid;
      else hi = mid;
    }
    return i + this.delta[lo];
  }
}

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

/**
 * Bit 16: CJK; bit 17: not a one-to-one character (noise, zero-width, line break, expanding, surrogate); low 16:
 * the folded unit.
 */
const CJK_BIT = 0x10000;
const SLOW = 0x20000;
let hot: Uint32Array | undefined;

function hotTable(): Uint32Array {
  if (!hot) {
    const { folded, flags } = charTable();
    hot = new Uint32Array(65536);
    for (let c = 0; c < 65536; c++) {
      const f = flags[c];
      const plain = f === 0 || f === CharFlag.Cjk || f === CharFlag.Digit;
      hot[c] = folded[c] | (f & CharFlag.Cjk ? CJK_BIT : 0) | (plain ? 0 : SLOW);
    }
  }
  return hot;
}

/** A unit buffer a caller keeps between calls (the scanner, per instance): grown on demand, never shrunk. */
export interface UnitScratch {
  units: Uint16Array;
}

/** Loop state handed to the out-of-line slow path (rare characters), which writes units and breakpoints. */
class Cursor {
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

function growInts(a: Int32Array): Int32Array {
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
function slowPath(source: string, c: number, cur: Cursor): void {
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

/**
 * Runs normalizeAndMatch over a text that takes every branch (noise, zero-width, expansions, astral
 * characters, digits, a match), so the optimising compiler sees type feedback for all of them and the first
 * megabyte-sized scan does not deoptimise on its first rare character.
 */
export function warmUp(automaton: AhoCorasick): void {
  const hit = automaton.patterns[0] ?? '';
  const sample = `\uff21机 \u200b密 * * 密\n机 \r\n密\n \u3231\ud83d\ude00\ud835\udc00${hit}138 0013-8000\uff0c${hit}\ud800x`;
  // With and without a scratch buffer (the scanner passes one; normalize() does not), the second time reusing it;
  // short and long enough for the automaton's interleaved walks.
  const scratch: UnitScratch = { units: new Uint16Array(0) };
  const long = sample.repeat(Math.ceil(1100 / sample.length));
  for (let k = 0; k < 4; k++) normalizeAndMatch(k % 2 ? long : sample, automaton, new MatchSink(), new IntList(), k > 0 ? scratch : undefined);
}

/** Normalises `source` with an offset map back to it. */
export function normalize(source: string): NormalizedText {
  return normalizeUnits(source, new IntList());
}

/**
 * Normalises `source`, then runs `automaton` over the normalised units (matches go to `sink` as (pattern, end)
 * pairs in normalised offsets, in order of their end; see AhoCorasick.findAllIn) and records in `digitRuns` the
 * offset of every run of digits that starts after a non-digit.
 */
export function normalizeAndMatch(
  source: string,
  automaton: AhoCorasick,
  sink: MatchSink,
  digitRuns: IntList,
  scratch?: UnitScratch,
): NormalizedText {
  const doc = normalizeUnits(source, digitRuns, scratch);
  automaton.findAllIn(doc.units, doc.length, sink, doc.joins);
  return doc;
}

/**
 * The normalising pass: each source unit is read once, folded and classified through one table load, and
 * written; rare characters go out of line. No intermediate string is built until the end.
 */
function normalizeUnits(source: string, digitRuns: IntList, scratch?: UnitScratch): NormalizedText {
  const info = hotTable();
  const n = source.length;
  // Locals only in the loop: a closure over them would move them to a heap context and halve the speed.
  let units: Uint16Array = scratch && scratch.units.length >= n + 64 ? scratch.units : new Uint16Array(n + 64);
  let runs: Int32Array = digitRuns.data;
  let nRuns = 0;
  let lastDigit = -2;
  let len = 0;
  let lastCjk = 0;
  const cur = new Cursor(units, new Int32Array(16), new Int32Array(16), runs);
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const x = info[c];
    if (x >= SLOW) {
      // Rare characters go out of line so the hot loop stays small and keeps its type feedback.
      cur.units = units;
      cur.len = len;
      cur.i = i;
      cur.lastCjk = lastCjk;
      cur.runs = runs;
      cur.nRuns = nRuns;
      cur.lastDigit = lastDigit;
      slowPath(source, c, cur);
      units = cur.units;
      len = cur.len;
      i = cur.i;
      lastCjk = cur.lastCjk;
      runs = cur.runs;
      nRuns = cur.nRuns;
      lastDigit = cur.lastDigit;
      continue;
    }
    // Hot path: one unit in, one out, its source offset implied by the current breakpoint.
    const u = x & 0xffff;
    units[len] = u;
    lastCjk = x >>> 16;
    if ((u - 48) >>> 0 < 10) {
      if (lastDigit !== len - 1) {
        if (nRuns === runs.length) runs = growInts(runs);
        runs[nRuns++] = len;
      }
      lastDigit = len;
    }
    len++;
  }
  cur.len = len;
  cur.mark(len, n - len);
  digitRuns.data = runs;
  digitRuns.size = nRuns;
  if (scratch) scratch.units = units;
  const view = units.subarray(0, len);
  // Buffer's utf16le decoding is a copy; TextDecoder is several times slower on megabytes.
  const text = len === 0 ? '' : Buffer.from(view.buffer, view.byteOffset, len * 2).toString('utf16le');
  return new NormalizedDoc(source, text, view, len, cur.at, cur.delta, cur.breaks, cur.joins ?? NO_JOINS);
}

/** Where a match of `length` units ending at `end` starts: further back than `end - length` when it spans joins. */
export function matchStart(doc: NormalizedText, end: number, length: number): number {
  const joins = doc.joins;
  let start = end - length;
  if (joins.length === 0) return start;
  // The last join starting before `end`; every join from there back that ends after `start` lies inside the match.
  let lo = 0;
  let hi = joins.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (joins[mid * 2] < end) lo = mid + 1;
    else hi = mid;
  }
  for (let k = (lo - 1) * 2; k >= 0 && joins[k + 1] > start; k -= 2) start -= joins[k + 1] - joins[k];
  return start;
}

/** Source offset where normalised unit `i` starts. */
export function sourceStart(doc: NormalizedText, i: number): number {
  return doc instanceof NormalizedDoc ? doc.sourceOf(i) : doc.origin[i];
}

/** Source offset just past normalised unit `end - 1` (noise skipped after it is not included). */
export function sourceEnd(doc: NormalizedText, end: number): number {
  if (end <= 0) return 0;
  const at = sourceStart(doc, end - 1);
  const c = doc.source.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = doc.source.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff && (end === doc.length || sourceStart(doc, end) !== at + 1)) return at + 2;
  }
  return at + 1;
}
