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
}

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

/** Bit 16: CJK; bit 17: not a one-to-one character (noise, zero-width, expanding, surrogate); low 16: folded unit. */
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

/**
 * Per automaton, one Int32 per source code unit: low 16 bits the normalised unit, bits 16–29 its automaton column,
 * bit 30 CJK, sign bit "slow" (rare characters, and the unlikely columns past 2^14). One load gives the hot loop
 * both the unit it writes and the column it steps on.
 */
const COL_SHIFT = 16;
const COL_MASK = 0x3fff;
const PACKED_CJK = 30;
const packedTables = new WeakMap<AhoCorasick, Int32Array>();

function packedTable(automaton: AhoCorasick): Int32Array {
  let t = packedTables.get(automaton);
  if (!t) {
    const info = hotTable();
    const colOf = automaton.colOf;
    t = new Int32Array(65536);
    for (let c = 0; c < 65536; c++) {
      const x = info[c];
      const u = x & 0xffff;
      const col = colOf[u];
      t[c] = x >= SLOW || col > COL_MASK ? -1 : u | (col << COL_SHIFT) | (x & CJK_BIT ? 1 << PACKED_CJK : 0);
    }
    packedTables.set(automaton, t);
  }
  return t;
}

/** A unit buffer a caller keeps between calls (the scanner, per instance): grown on demand, never shrunk. */
export interface UnitScratch {
  units: Uint16Array;
}

/**
 * Loop state handed to the out-of-line slow path (rare characters), which writes units and breakpoints and feeds
 * the units it wrote to the automaton itself.
 */
class Cursor {
  len = 0;
  i = 0;
  lastCjk = 0;
  s = 0;
  lastDigit = -2;
  nRuns = 0;
  breaks = 1;
  constructor(
    public units: Uint16Array,
    public at: Int32Array,
    public delta: Int32Array,
    public runs: Int32Array,
    readonly automaton: AhoCorasick,
    readonly sink: MatchSink,
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

  /** Feeds units [from, len) to the automaton (the same step as the hot loop in normalizeAndMatch). */
  feed(from: number): void {
    const { colOf, fail, out, terminal } = this.automaton;
    let s = this.s;
    for (let k = from; k < this.len; k++) {
      const u = this.units[k];
      if ((u - 48) >>> 0 < 10) {
        if (this.lastDigit !== k - 1) {
          if (this.nRuns === this.runs.length) this.runs = growInts(this.runs);
          this.runs[this.nRuns++] = k;
        }
        this.lastDigit = k;
      }
      s = this.automaton.step(s, colOf[u]);
      let r = out[s];
      while (r !== 0) {
        this.sink.push(terminal[r], k + 1);
        r = out[fail[r]];
      }
    }
    this.s = s;
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

/** Noise, zero-width, expanding and astral characters at `cur.i`: writes their units (if any), advances `cur.i`. */
function slowPath(source: string, c: number, cur: Cursor): void {
  const { folded, flags } = charTable();
  const f = flags[c];
  const n = source.length;
  let i = cur.i;
  const from = cur.len;
  // Expansions may have put len ahead of i: keep room for the rest of the input at one unit per character.
  if (cur.len - i + 24 > cur.units.length - n) cur.units = growUnits(cur.units, n + 2 * (cur.len - i) + 64);
  if (f & CharFlag.ZeroWidth) {
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
  cur.feed(from);
}

/**
 * Runs normalizeAndMatch once over a short text that takes every branch (noise, zero-width, expansions, astral
 * characters, digits, a match), so the optimising compiler sees type feedback for all of them and the first
 * megabyte-sized scan does not deoptimise on its first rare character.
 */
export function warmUp(automaton: AhoCorasick): void {
  const hit = automaton.patterns[0] ?? '';
  const sample = `\uff21机 \u200b密 * * 密 \u3231\ud83d\ude00\ud835\udc00${hit}138 0013-8000\uff0c${hit}\ud800x`;
  // With and without a scratch buffer (the scanner passes one; normalize() does not), the second time reusing it.
  const scratch: UnitScratch = { units: new Uint16Array(0) };
  for (let k = 0; k < 4; k++) normalizeAndMatch(sample, automaton, new MatchSink(), new IntList(), k > 0 ? scratch : undefined);
}

let plainAutomaton: AhoCorasick | undefined;

/** Normalises `source` with an offset map back to it. */
export function normalize(source: string): NormalizedText {
  plainAutomaton ??= AhoCorasick.compile([]);
  return normalizeAndMatch(source, plainAutomaton, new MatchSink(), new IntList());
}

/**
 * Normalises `source` and, in the same pass, feeds every normalised code unit to `automaton` (matches go to
 * `sink` as (pattern, end) pairs in normalised offsets) and records in `digitRuns` the offset of every run of
 * digits that starts after a non-digit. No intermediate string is built: each source unit is read once, folded
 * and classified through one table load, and stepped through the automaton from locals.
 */
export function normalizeAndMatch(
  source: string,
  automaton: AhoCorasick,
  sink: MatchSink,
  digitRuns: IntList,
  scratch?: UnitScratch,
): NormalizedText {
  const info = packedTable(automaton);
  const { denseCount, delta, width, childStart, inCol, fail, out, terminal } = automaton;
  const n = source.length;
  // Locals only in the loop: a closure over them would move them to a heap context and halve the speed.
  let units: Uint16Array = scratch && scratch.units.length >= n + 64 ? scratch.units : new Uint16Array(n + 64);
  let runs: Int32Array = digitRuns.data;
  let nRuns = 0;
  let lastDigit = -2;
  let len = 0;
  let s = 0;
  let lastCjk = 0;
  const cur = new Cursor(units, new Int32Array(16), new Int32Array(16), runs, automaton, sink);
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const x = info[c];
    if (x < 0) {
      // Rare characters go out of line so the hot loop stays small and keeps its type feedback.
      cur.units = units;
      cur.len = len;
      cur.i = i;
      cur.lastCjk = lastCjk;
      cur.s = s;
      cur.runs = runs;
      cur.nRuns = nRuns;
      cur.lastDigit = lastDigit;
      slowPath(source, c, cur);
      units = cur.units;
      len = cur.len;
      i = cur.i;
      lastCjk = cur.lastCjk;
      s = cur.s;
      runs = cur.runs;
      nRuns = cur.nRuns;
      lastDigit = cur.lastDigit;
      continue;
    }
    // Hot path: one unit in, one out, its source offset implied by the current breakpoint.
    const u = x & 0xffff;
    units[len] = u;
    lastCjk = x >>> PACKED_CJK;
    if ((u - 48) >>> 0 < 10) {
      if (lastDigit !== len - 1) {
        if (nRuns === runs.length) runs = growInts(runs);
        runs[nRuns++] = len;
      }
      lastDigit = len;
    }
    len++;
    // Automaton step (the same in AhoCorasick.findAll and AhoCorasick.step). Dense entries are ~t when t ends a
    // pattern, so most characters cost one table load and no look at `out`.
    const col = (x >>> COL_SHIFT) & COL_MASK;
    if (s < denseCount) {
      s = delta[s * width + col];
      if (s >= 0) continue;
      s = ~s;
    } else if (col === 0) {
      s = 0;
      continue;
    } else {
      // A deep node: its few children (sorted by column), else its failure link, until a dense node.
      for (;;) {
        let lo = childStart[s];
        const hi = childStart[s + 1];
        while (lo < hi && inCol[lo] < col) lo++;
        if (lo < hi && inCol[lo] === col) {
          s = lo;
          break;
        }
        s = fail[s];
        if (s < denseCount) {
          s = delta[s * width + col];
          if (s < 0) s = ~s;
          break;
        }
      }
    }
    let r = out[s];
    while (r !== 0) {
      sink.push(terminal[r], len);
      r = out[fail[r]];
    }
  }
  cur.len = len;
  cur.mark(len, n - len);
  digitRuns.data = runs;
  digitRuns.size = nRuns;
  if (scratch) scratch.units = units;
  const view = units.subarray(0, len);
  // Buffer's utf16le decoding is a copy; TextDecoder is several times slower on megabytes.
  const text = len === 0 ? '' : Buffer.from(view.buffer, view.byteOffset, len * 2).toString('utf16le');
  return new NormalizedDoc(source, text, view, len, cur.at, cur.delta, cur.breaks);
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
