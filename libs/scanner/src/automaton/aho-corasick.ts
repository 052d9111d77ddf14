/**
 * Aho–Corasick over UTF-16 code units, on typed arrays.
 *
 * Code units are first mapped to a column: 1..A-1 for the units that occur in some pattern, 0 for every other
 * unit (which always sends the automaton back to the root). Nodes are numbered breadth-first, so the failure
 * link of a node always has a smaller id. The first `denseCount` nodes (the root, the depth-1 nodes and as many
 * deeper ones as the table budget allows) get a full DFA row: `delta[s * A + col]` is the next state with the
 * failure links already applied, one array load per character; an entry is stored as ~t (negative) when node t
 * ends a pattern, so the hot loop learns "report here" without loading `out`. Deeper nodes keep only their trie edges (their
 * children are consecutive ids, sorted by column: `childStart[s] .. childStart[s+1]`, usually 0–2 of them) and
 * follow failure links until a dense node.
 */

/**
 * Bytes of the dense transition table. Entries are 2 bytes when every node id fits an Int16 (up to 32,768 nodes,
 * ~15k terms), else 4: the narrow table gives twice the dense rows for the same memory and halves the pages and
 * cache lines the scan touches (the step is a chain of dependent loads, so its speed is the table's locality).
 */
const DENSE_BUDGET_BYTES = 16_000_000;
const NARROW_NODES = 32_768;

export class AhoCorasick {
  private constructor(
    /** Distinct patterns; a match reports the index into `patterns`. */
    readonly patterns: readonly string[],
    /** Code unit → column (0: in no pattern). */
    readonly colOf: Uint16Array,
    /** Number of columns. */
    readonly width: number,
    /** Nodes `0 .. denseCount-1` have a full row in `delta`. */
    readonly denseCount: number,
    /** Int16Array when the automaton has at most 32,768 nodes, else Int32Array. */
    readonly delta: Int16Array | Int32Array,
    readonly fail: Int32Array,
    /** Nearest node at or above (via failure links) that ends a pattern, 0 if none. */
    readonly out: Int32Array,
    readonly terminal: Int32Array,
    /** Children of node s: ids childStart[s] .. childStart[s+1]-1, in column order. */
    readonly childStart: Int32Array,
    readonly inCol: Int32Array,
  ) {}

  get nodeCount(): number {
    return this.fail.length;
  }

  /** `patterns` must be distinct and non-empty. */
  static compile(patterns: readonly string[]): AhoCorasick {
    let total = 1;
    let maxLen = 0;
    for (const p of patterns) {
      if (p.length === 0) throw new Error('empty pattern');
      total += p.length;
      if (p.length > maxLen) maxLen = p.length;
    }
    // Sorted order without a JS comparator: the built-in string sort is several times faster on 100k terms.
    const sorted = patterns.slice().sort();
    for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) throw new Error(`duplicate pattern: ${sorted[k]}`);
    const index = new Map<string, number>();
    for (let k = 0; k < patterns.length; k++) index.set(patterns[k], k);
    const order = new Int32Array(sorted.length);
    for (let k = 0; k < sorted.length; k++) order[k] = index.get(sorted[k]) as number;

    // Columns, in code-unit order (so children sorted by unit are sorted by column): only units that occur.
    const colOf = new Uint16Array(65536);
    for (const p of patterns) for (let k = 0; k < p.length; k++) colOf[p.charCodeAt(k)] = 1;
    let width = 1;
    for (let c = 0; c < 65536; c++) {
      if (colOf[c] !== 0) {
        if (width === 65535) throw new Error('too many distinct characters in the patterns');
        colOf[c] = width++;
      }
    }

    // Trie, breadth first: at each depth the active patterns (still in sorted order) are grouped by parent and unit.
    const parent = new Int32Array(total);
    const inCol = new Int32Array(total);
    const terminal = new Int32Array(total).fill(-1);
    let active = order;
    let nodeOf = new Int32Array(patterns.length);
    let count = 1;
    for (let d = 0; d < maxLen && active.length > 0; d++) {
      const nextActive = new Int32Array(active.length);
      const nextNode = new Int32Array(active.length);
      let kept = 0;
      let prevParent = -1;
      let prevChar = -1;
      for (let a = 0; a < active.length; a++) {
        const p = patterns[active[a]];
        const par = d === 0 ? 0 : nodeOf[a];
        const ch = p.charCodeAt(d);
        if (par !== prevParent || ch !== prevChar) {
          parent[count] = par;
          inCol[count] = colOf[ch];
          count++;
          prevParent = par;
          prevChar = ch;
        }
        const node = count - 1;
        if (p.length === d + 1) terminal[node] = active[a];
        else {
          nextActive[kept] = active[a];
          nextNode[kept++] = node;
        }
      }
      active = nextActive.subarray(0, kept);
      nodeOf = nextNode.subarray(0, kept);
    }

    // Dense rows for a breadth-first prefix of the nodes (root, depth 1, deeper ones) as far as the budget goes.
    const narrow = count <= NARROW_NODES;
    const denseCount = Math.max(1, Math.min(count, Math.floor(DENSE_BUDGET_BYTES / (narrow ? 2 : 4) / width)));
    const delta = narrow ? new Int16Array(denseCount * width) : new Int32Array(denseCount * width);

    const childStart = new Int32Array(count + 1);
    for (let v = 1; v < count; v++) childStart[parent[v] + 1]++;
    childStart[0] = 1;
    for (let v = 0; v < count; v++) childStart[v + 1] += childStart[v];
    const fail = new Int32Array(count);
    const out = new Int32Array(count);
    const automaton = new AhoCorasick(
      patterns, colOf, width, denseCount, delta, fail, out, terminal.subarray(0, count), childStart, inCol.subarray(0, count),
    );
    for (let v = 1; v < count; v++) if (parent[v] < denseCount) delta[parent[v] * width + inCol[v]] = v;
    // Breadth first: fail[v] is known before v's row is filled, and fail[v] < v.
    for (let v = 1; v < count; v++) {
      const p = parent[v];
      fail[v] = p === 0 ? 0 : automaton.step(fail[p], inCol[v]);
      out[v] = terminal[v] >= 0 ? v : out[fail[v]];
      if (v < denseCount) {
        // Full row: the failure node's row, overridden by v's own edges (already written).
        const row = v * width;
        const frow = fail[v] * width;
        for (let c = 0; c < width; c++) if (delta[row + c] === 0) delta[row + c] = delta[frow + c];
      }
    }
    for (let k = 0; k < delta.length; k++) if (out[delta[k]] !== 0) delta[k] = ~delta[k];
    return automaton;
  }

  /** The full transition (failure links applied) from state `s` on column `col`. */
  step(s: number, col: number): number {
    const { denseCount, delta, width, childStart, inCol, fail } = this;
    while (s >= denseCount) {
      if (col === 0) return 0;
      const t = childOn(childStart, inCol, s, col);
      if (t !== 0) return t;
      s = fail[s];
    }
    const t = delta[s * width + col];
    return t < 0 ? ~t : t;
  }

  /**
   * Every occurrence in `units` as findAll finds them, in the same order (by end, the longer first), stepping over
   * the `joins` ([from, to) pairs of units, in order): a match may span one, and its end counts the join's units.
   * A long text is cut in four and walked by four walks at once: each step is a load from a table of megabytes
   * that must wait for memory, and four independent walks wait together (measured ~3× one walk on a 10k-term
   * lexicon). A match across a cut is found by the walk before it, which goes on for the longest pattern's length.
   */
  findAllIn(units: Uint16Array, length: number, sink: MatchSink, joins: readonly number[] = []): void {
    const { lengths, maxLength } = patternLengths(this);
    const compact = joins.length === 0 ? undefined : withoutJoins(units, length, joins);
    const input = compact ? compact.units : units;
    const n = compact ? compact.length : length;
    const first = sink.size / 2;
    if (n < INTERLEAVE_MIN) walk(this, input, 0, n, n, lengths, sink);
    else this.interleaved(input, n, maxLength, lengths, sink, first);
    if (compact) {
      // Ends back to the units with the joins (pairs are in order of end): a join counts once a match's last
      // unit lies past it.
      const { at, skipped } = compact;
      const data = sink.data;
      let j = 0;
      for (let k = first * 2 + 1; k < sink.size; k += 2) {
        while (j < at.length && at[j] < data[k]) j++;
        if (j > 0) data[k] += skipped[j - 1];
      }
    }
  }

  /** Four walks over four quarters in one loop, then the tails and the stretches across each cut. */
  private interleaved(units: Uint16Array, n: number, maxLength: number, lengths: Int32Array, sink: MatchSink, first: number): void {
    const { colOf, denseCount, delta, width, fail, out, terminal } = this;
    const q = Math.floor(n / WALKS);
    for (const k of WALK_SINKS) k.clear();
    const sinks = [sink, ...WALK_SINKS];
    const [k0, k1, k2, k3] = sinks;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    // Dense steps inline (the common case); deep nodes through step(). A negative entry marks a node that ends a pattern.
    for (let i = 0; i < q; i++) {
      const c0 = colOf[units[i]];
      const c1 = colOf[units[q + i]];
      const c2 = colOf[units[2 * q + i]];
      const c3 = colOf[units[3 * q + i]];
      let r: number;
      if (s0 < denseCount) {
        s0 = delta[s0 * width + c0];
        if (s0 < 0) {
          s0 = ~s0;
          for (r = out[s0]; r !== 0; r = out[fail[r]]) k0.push(terminal[r], i + 1);
        }
      } else {
        s0 = this.step(s0, c0);
        for (r = out[s0]; r !== 0; r = out[fail[r]]) k0.push(terminal[r], i + 1);
      }
      if (s1 < denseCount) {
        s1 = delta[s1 * width + c1];
        if (s1 < 0) {
          s1 = ~s1;
          for (r = out[s1]; r !== 0; r = out[fail[r]]) k1.push(terminal[r], q + i + 1);
        }
      } else {
        s1 = this.step(s1, c1);
        for (r = out[s1]; r !== 0; r = out[fail[r]]) k1.push(terminal[r], q + i + 1);
      }
      if (s2 < denseCount) {
        s2 = delta[s2 * width + c2];
        if (s2 < 0) {
          s2 = ~s2;
          for (r = out[s2]; r !== 0; r = out[fail[r]]) k2.push(terminal[r], 2 * q + i + 1);
        }
      } else {
        s2 = this.step(s2, c2);
        for (r = out[s2]; r !== 0; r = out[fail[r]]) k2.push(terminal[r], 2 * q + i + 1);
      }
      if (s3 < denseCount) {
        s3 = delta[s3 * width + c3];
        if (s3 < 0) {
          s3 = ~s3;
          for (r = out[s3]; r !== 0; r = out[fail[r]]) k3.push(terminal[r], 3 * q + i + 1);
        }
      } else {
        s3 = this.step(s3, c3);
        for (r = out[s3]; r !== 0; r = out[fail[r]]) k3.push(terminal[r], 3 * q + i + 1);
      }
    }
    // The last walk finishes the text (n need not divide by four); each other walk goes on across its cut.
    const states = [s0, s1, s2, s3];
    for (let w = 0; w < WALKS; w++) {
      const to = w === WALKS - 1 ? n : (w + 1) * q;
      walk(this, units, w * q + q, to, Math.min(n, to + maxLength - 1), lengths, sinks[w], states[w]);
    }
    // In order of the end, the longer first at one end, as one walk reports them.
    const crossed = sinks.some((k, w) => w < WALKS - 1 && k.size > first * 2 * (w === 0 ? 1 : 0) && k.data[k.size - 1] > (w + 1) * q);
    for (let w = 1; w < WALKS; w++) for (let k = 0; k < sinks[w].size; k += 2) sink.push(sinks[w].data[k], sinks[w].data[k + 1]);
    if (crossed) sortByEnd(sink, first, lengths);
  }

  /**
   * Every occurrence, nested and overlapping ones included, as pairs (pattern index, end offset) in `sink`.
   * Returns the number of pairs written.
   */
  findAll(units: Uint16Array, length: number, sink: MatchSink): number {
    const { colOf, denseCount, delta, width, childStart, inCol, fail, out, terminal } = this;
    let s = 0;
    let found = 0;
    for (let i = 0; i < length; i++) {
      const col = colOf[units[i]];
      if (s < denseCount) {
        s = delta[s * width + col];
        if (s < 0) s = ~s;
      } else if (col === 0) s = 0;
      else {
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
        sink.push(terminal[r], i + 1);
        found++;
        r = out[fail[r]];
      }
    }
    return found;
  }
}

/** Texts this long are walked by four interleaved walks; shorter ones by one. */
const INTERLEAVE_MIN = 1024;
const WALKS = 4;

/** The other walks' matches until they are appended; shared, as findAllIn runs to its end synchronously. */
const WALK_SINKS: MatchSink[] = [];

/** What findAllIn computes once per automaton. */
const lengthsOf = new WeakMap<AhoCorasick, { lengths: Int32Array; maxLength: number }>();

function patternLengths(a: AhoCorasick): { lengths: Int32Array; maxLength: number } {
  let l = lengthsOf.get(a);
  if (!l) {
    const lengths = Int32Array.from(a.patterns, (p) => p.length);
    l = { lengths, maxLength: lengths.reduce((m, x) => Math.max(m, x), 0) };
    lengthsOf.set(a, l);
  }
  return l;
}

/** Units without the join ranges, and each join's place in them (where it was taken out). */
function withoutJoins(units: Uint16Array, length: number, joins: readonly number[]): { units: Uint16Array; length: number; at: Int32Array; skipped: Int32Array } {
  const out = new Uint16Array(length);
  const at = new Int32Array(joins.length / 2);
  const skipped = new Int32Array(joins.length / 2);
  let n = 0;
  let from = 0;
  let total = 0;
  for (let k = 0; k < joins.length; k += 2) {
    out.set(units.subarray(from, joins[k]), n);
    n += joins[k] - from;
    at[k / 2] = n;
    total += joins[k + 1] - joins[k];
    skipped[k / 2] = total;
    from = joins[k + 1];
  }
  out.set(units.subarray(from, length), n);
  n += length - from;
  return { units: out, length: n, at, skipped };
}

/**
 * One walk of the automaton over units [from, to) from state `s` (the root for a walk of its own), then on to
 * `reach` reporting only the matches that start before `to` (the next walk, from the root at `to`, cannot see
 * those). Pairs go to `sink`.
 */
function walk(a: AhoCorasick, units: Uint16Array, from: number, to: number, reach: number, lengths: Int32Array, sink: MatchSink, s = 0): void {
  const { colOf, denseCount, delta, width, fail, out, terminal } = a;
  for (let i = from; i < reach; i++) {
    const col = colOf[units[i]];
    if (s < denseCount) {
      s = delta[s * width + col];
      if (s >= 0) continue;
      s = ~s;
    } else s = a.step(s, col);
    for (let r = out[s]; r !== 0; r = out[fail[r]]) {
      if (i < to || i + 1 - lengths[terminal[r]] < to) sink.push(terminal[r], i + 1);
    }
  }
}

/** The child of `s` on `col`, or 0. */
function childOn(childStart: Int32Array, inCol: Int32Array, s: number, col: number): number {
  let lo = childStart[s];
  let hi = childStart[s + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = inCol[mid];
    if (m === col) return mid;
    if (m < col) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

/** Sorts the pairs of `sink` from pair `from` on by end, the longer pattern first at one end. */
function sortByEnd(sink: MatchSink, from: number, lengths: Int32Array): void {
  const pairs: Array<[number, number]> = [];
  for (let k = from * 2; k < sink.size; k += 2) pairs.push([sink.data[k], sink.data[k + 1]]);
  pairs.sort((a, b) => a[1] - b[1] || lengths[b[0]] - lengths[a[0]]);
  pairs.forEach(([p, e], k) => {
    sink.data[from * 2 + 2 * k] = p;
    sink.data[from * 2 + 2 * k + 1] = e;
  });
}

/** A growable list of (pattern, end) pairs, reusable across scans. */
export class MatchSink {
  data = new Int32Array(1024);
  size = 0;

  push(pattern: number, end: number): void {
    if (this.size + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = pattern;
    this.data[this.size++] = end;
  }

  clear(): void {
    this.size = 0;
  }
}

for (let w = 1; w < WALKS; w++) WALK_SINKS.push(new MatchSink());

/** A growable list of int32 values, reusable across scans. */
export class IntList {
  data: Int32Array = new Int32Array(256);
  size = 0;

  clear(): void {
    this.size = 0;
  }
}
