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
  readonly origin: Int32Array;
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

function grow(units: Uint16Array, origin: Int32Array, need: number): [Uint16Array, Int32Array] {
  const size = Math.max(need, units.length + 64);
  const u = new Uint16Array(size);
  u.set(units);
  const o = new Int32Array(size + 1);
  o.set(origin);
  return [u, o];
}

/** Loop state handed to the out-of-line slow path. */
class Cursor {
  len = 0;
  i = 0;
  lastCjk = false;
  constructor(
    public units: Uint16Array,
    public origin: Int32Array,
  ) {}
}

function growInts(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** Noise, zero-width, expanding and astral characters: writes their units (if any) and advances `cur.i`. */
function slowPath(source: string, c: number, f: number, cur: Cursor): void {
  const { folded, flags } = charTable();
  const n = source.length;
  let { units, origin, len, i } = cur;
  // Expansions may have put len ahead of i: keep room for the rest of the input at one unit per character.
  if (len - i + 24 > units.length - n) [units, origin] = grow(units, origin, n + 2 * (len - i) + 64);
  cur.units = units;
  cur.origin = origin;
  if (f & CharFlag.Noise) {
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
      cur.i = j - 1;
      return;
    }
    for (; i < j; i++) {
      const g = source.charCodeAt(i);
      if (!(flags[g] & CharFlag.ZeroWidth)) {
        units[len] = folded[g];
        origin[len++] = i;
      }
    }
    cur.len = len;
    cur.i = i - 1;
    cur.lastCjk = false;
    return;
  }
  if (f & CharFlag.HighSurrogate && i + 1 < n) {
    const low = source.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      const e = expand(cp);
      if (e.length === 2 && e[0] === c && e[1] === low) {
        units[len] = c;
        origin[len++] = i;
        units[len] = low;
        origin[len++] = i + 1;
      } else {
        for (let k = 0; k < e.length; k++) {
          units[len] = e[k];
          origin[len++] = i;
        }
      }
      cur.len = len;
      cur.i = i + 1;
      cur.lastCjk = false;
      return;
    }
  }
  if (f & CharFlag.Expands) {
    const e = expand(c);
    for (let k = 0; k < e.length; k++) {
      units[len] = e[k];
      origin[len++] = i;
    }
    cur.len = len;
    cur.lastCjk = e.length > 0 && (flags[e[e.length - 1]] & CharFlag.Cjk) !== 0;
    return;
  }
  units[len] = folded[c];
  origin[len++] = i;
  cur.len = len;
  cur.lastCjk = (f & CharFlag.Cjk) !== 0;
}

/**
 * Runs normalizeAndMatch once over a short text that takes every branch (noise, zero-width, expansions, astral
 * characters, digits, a match), so the optimising compiler sees type feedback for all of them and the first
 * megabyte-sized scan does not deoptimise on its first rare character.
 */
export function warmUp(automaton: AhoCorasick): void {
  const hit = automaton.patterns[0] ?? '';
  const sample = `\uff21机 \u200b密 * * 密 \u3231\ud83d\ude00\ud835\udc00${hit}138 0013-8000\uff0c${hit}\ud800x`;
  for (let k = 0; k < 3; k++) normalizeAndMatch(sample, automaton, new MatchSink(), new IntList());
}

let plainAutomaton: AhoCorasick | undefined;

/** Normalises `source` with an offset map back to it. */
export function normalize(source: string): NormalizedText {
  plainAutomaton ??= AhoCorasick.compile([]);
  return normalizeAndMatch(source, plainAutomaton, new MatchSink(), new IntList());
}

const H1 = 0x9e3779b1 | 0;
const H2 = 0x85ebca6b | 0;

/**
 * Normalises `source` and, in the same pass, feeds every normalised code unit to `automaton` (matches go to
 * `sink` as (pattern, end) pairs in normalised offsets) and records in `digitRuns` the offset of every run of
 * digits that starts after a non-digit. No intermediate string is built: each source unit is read once, folded
 * through one table and stepped through the automaton from a local.
 */
export function normalizeAndMatch(source: string, automaton: AhoCorasick, sink: MatchSink, digitRuns: IntList): NormalizedText {
  const { folded, flags } = charTable();
  const { colOf, denseCount, delta, width, table, tableShift, parent, inCol, fail, out, terminal } = automaton;
  const mask = table.length - 1;
  const n = source.length;
  // Locals only in the loop: a closure over them would move them to a heap context and halve the speed.
  let units: Uint16Array = new Uint16Array(n + 64);
  let origin: Int32Array = new Int32Array(n + 65);
  let runs: Int32Array = digitRuns.data;
  let nRuns = 0;
  let lastDigit = -2;
  let len = 0;
  let fed = 0;
  let s = 0;
  let lastCjk = false;
  const cur = new Cursor(units, origin);
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const f = flags[c];
    if (f === 0 || f === CharFlag.Cjk || f === CharFlag.Digit) {
      // Hot path: one unit in, one out; the slow paths keep room for the rest of the input at 1:1.
      units[len] = folded[c];
      origin[len++] = i;
      lastCjk = f === CharFlag.Cjk;
    } else {
      if (f & CharFlag.ZeroWidth) continue;
      // Rare characters (noise, expansions, surrogates) go out of line so the hot loop stays small and stable.
      cur.units = units;
      cur.origin = origin;
      cur.len = len;
      cur.i = i;
      cur.lastCjk = lastCjk;
      slowPath(source, c, f, cur);
      units = cur.units;
      origin = cur.origin;
      len = cur.len;
      i = cur.i;
      lastCjk = cur.lastCjk;
    }
    // Feed the new unit(s) to the automaton (one on the hot path).
    while (fed < len) {
      const u = units[fed++];
      if ((u - 48) >>> 0 < 10) {
        if (lastDigit !== fed - 2) {
          if (nRuns === runs.length) runs = growInts(runs);
          runs[nRuns++] = fed - 1;
        }
        lastDigit = fed - 1;
      }
      const col = colOf[u];
      if (s < denseCount) s = delta[s * width + col];
      else {
        for (;;) {
          if (col === 0) {
            s = 0;
            break;
          }
          let h = (Math.imul(s, H1) ^ Math.imul(col, H2)) >>> tableShift;
          let t = table[h];
          while (t !== 0 && (parent[t] !== s || inCol[t] !== col)) {
            h = (h + 1) & mask;
            t = table[h];
          }
          if (t !== 0) {
            s = t;
            break;
          }
          s = fail[s];
          if (s < denseCount) {
            s = delta[s * width + col];
            break;
          }
        }
      }
      let r = out[s];
      while (r !== 0) {
        sink.push(terminal[r], fed);
        r = out[fail[r]];
      }
    }
  }
  digitRuns.data = runs;
  digitRuns.size = nRuns;
  origin[len] = n;
  const view = units.subarray(0, len);
  // Buffer's utf16le decoding is a copy; TextDecoder is several times slower on megabytes.
  const text = len === 0 ? '' : Buffer.from(view.buffer, view.byteOffset, len * 2).toString('utf16le');
  return { source, text, units: view, length: len, origin };
}

/** Source offset where normalised unit `i` starts. */
export function sourceStart(doc: NormalizedText, i: number): number {
  return doc.origin[i];
}

/** Source offset just past normalised unit `end - 1` (noise skipped after it is not included). */
export function sourceEnd(doc: NormalizedText, end: number): number {
  if (end <= 0) return 0;
  const at = doc.origin[end - 1];
  const c = doc.source.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = doc.source.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff && (end === doc.length || doc.origin[end] !== at + 1)) return at + 2;
  }
  return at + 1;
}
