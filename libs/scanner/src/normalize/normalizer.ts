import { AhoCorasick, IntList, MatchSink } from '../automaton/aho-corasick';
import { CharFlag, charTable } from './char-table';
import { Cursor, growInts, slowPath } from './rare-chars';

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

/**
 * `info`: low 16 bits the folded unit; bit 16: CJK; bit 17: an ASCII digit (after folding); bit 18: not a
 * one-to-one character (noise, zero-width, line break, expanding, surrogate). `plain`: the folded unit of a plain
 * character that is not a digit, else 0 (NUL too, so it takes the digits' branch): half the size of `info`, so the
 * plain loop misses the cache less (~15% faster on Chinese text).
 */
const CJK_BIT = 0x10000;
const DIGIT = 0x20000;
const SLOW = 0x40000;
let hot: { info: Uint32Array; plain: Uint16Array } | undefined;

function hotTables(): { info: Uint32Array; plain: Uint16Array } {
  if (!hot) {
    const { folded, flags } = charTable();
    const info = new Uint32Array(65536);
    const plain = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const f = flags[c];
      const oneToOne = f === 0 || f === CharFlag.Cjk || f === CharFlag.Digit;
      info[c] = folded[c] | (f & CharFlag.Cjk ? CJK_BIT : 0) | (f & CharFlag.Digit ? DIGIT : 0) | (oneToOne ? 0 : SLOW);
      if (oneToOne && f !== CharFlag.Digit) plain[c] = folded[c];
    }
    hot = { info, plain };
  }
  return hot;
}

/** Unit buffers a caller keeps between calls (the scanner, per instance): grown on demand, never shrunk. */
export interface UnitScratch {
  units: Uint16Array;
  /** The source's code units, copied in one native call: the loop then reads a typed array, not the string. */
  source?: Uint16Array;
}

/** `source`'s code units in `scratch.source` (or a new array). */
function sourceUnits(source: string, scratch: UnitScratch | undefined): Uint16Array {
  const n = source.length;
  let out = scratch?.source;
  if (!out || out.length < n) {
    out = new Uint16Array(n);
    if (scratch) scratch.source = out;
  }
  // charCodeAt in the loop checks the string's representation on every call: twice the cost of a typed-array load.
  Buffer.from(out.buffer, out.byteOffset, n * 2).write(source, 0, 'utf16le');
  return out;
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
  // short, and long enough for the automaton's interleaved walks (1,024 units) once joins and noise are taken out:
  // without a run of them, the first big scan deoptimises after each walk and runs several scans half-compiled.
  const scratch: UnitScratch = { units: new Uint16Array(0) };
  const long = sample.repeat(Math.ceil(4096 / sample.length));
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
 * The normalising pass: the source's units are copied to a typed array in one native call, then each is folded
 * and classified through one table load and written; plain runs have a loop of their own, digits a branch beside
 * it, rare characters go out of line. No intermediate string is built until the end.
 */
function normalizeUnits(source: string, digitRuns: IntList, scratch?: UnitScratch): NormalizedText {
  const { info, plain } = hotTables();
  const n = source.length;
  // Locals only in the loop: a closure over them would move them to a heap context and halve the speed.
  const src = sourceUnits(source, scratch);
  let units: Uint16Array = scratch && scratch.units.length >= n + 64 ? scratch.units : new Uint16Array(n + 64);
  let runs: Int32Array = digitRuns.data;
  let nRuns = 0;
  let lastDigit = -2;
  let len = 0;
  let lastCjk = 0;
  const cur = new Cursor(units, new Int32Array(16), new Int32Array(16), runs);
  let i = 0;
  while (i < n) {
    // A run of plain characters: one unit in, one out, each `d` units from its source offset.
    const d = len - i;
    const runStart = i;
    for (; i < n; i++) {
      const u = plain[src[i]];
      if (u === 0) break;
      units[i + d] = u;
    }
    len = i + d;
    if (i > runStart) lastCjk = info[src[i - 1]] & CJK_BIT ? 1 : 0;
    if (i === n) break;
    const x = info[src[i]];
    if (x < SLOW) {
      // A digit (or NUL, plain but the stop mark of the loop above).
      if (x & DIGIT) {
        if (lastDigit !== len - 1) {
          if (nRuns === runs.length) runs = growInts(runs);
          runs[nRuns++] = len;
        }
        lastDigit = len;
      }
      // The store keeps the low 16 bits: the folded unit.
      units[len++] = x;
      lastCjk = 0;
      i++;
      continue;
    }
    // Rare characters go out of line so the loops stay small and keep their type feedback.
    cur.units = units;
    cur.len = len;
    cur.i = i;
    cur.lastCjk = lastCjk;
    cur.runs = runs;
    cur.nRuns = nRuns;
    cur.lastDigit = lastDigit;
    slowPath(source, src[i], cur);
    units = cur.units;
    len = cur.len;
    i = cur.i + 1;
    lastCjk = cur.lastCjk;
    runs = cur.runs;
    nRuns = cur.nRuns;
    lastDigit = cur.lastDigit;
  }
  cur.units = units;
  cur.len = len;
  cur.runs = runs;
  cur.nRuns = nRuns;
  return finish(source, cur, digitRuns, scratch);
}

/**
 * The same result one character at a time through the out-of-line path: the straightforward reference that
 * normalizer-equivalence.spec.ts checks the fast loops against.
 */
export function normalizeOneByOne(source: string, digitRuns: IntList): NormalizedText {
  const cur = new Cursor(new Uint16Array(source.length + 64), new Int32Array(16), new Int32Array(16), digitRuns.data);
  for (cur.i = 0; cur.i < source.length; cur.i++) slowPath(source, source.charCodeAt(cur.i), cur);
  return finish(source, cur, digitRuns);
}

/** The document for the units, digit runs and breakpoints in `cur`, once all of `source` is read. */
function finish(source: string, cur: Cursor, digitRuns: IntList, scratch?: UnitScratch): NormalizedText {
  const len = cur.len;
  cur.mark(len, source.length - len);
  digitRuns.data = cur.runs;
  digitRuns.size = cur.nRuns;
  if (scratch) scratch.units = cur.units;
  const view = cur.units.subarray(0, len);
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
