/**
 * Aho–Corasick over UTF-16 code units, on typed arrays.
 *
 * Code units are first mapped to a column: 1..A-1 for the units that occur in some pattern, 0 for every other
 * unit (which always sends the automaton back to the root). Nodes are numbered breadth-first, so the failure
 * link of a node always has a smaller id. The first `denseCount` nodes (the root, the depth-1 nodes and as many
 * deeper ones as the table budget allows) get a full DFA row: `delta[s * A + col]` is the next state with the
 * failure links already applied, one array load per character. Deeper nodes keep only their trie edges, in an
 * open-addressing hash on Int32Arrays keyed by (node, column), and follow failure links until a dense node.
 */

/** Entries of the dense transition table (4 bytes each). */
const DENSE_BUDGET = 2_000_000;
const H1 = 0x9e3779b1 | 0;
const H2 = 0x85ebca6b | 0;

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
    readonly delta: Int32Array,
    readonly fail: Int32Array,
    /** Nearest node at or above (via failure links) that ends a pattern, 0 if none. */
    readonly out: Int32Array,
    readonly terminal: Int32Array,
    /** Hash of the trie edges leaving sparse nodes: slot → child node, 0 when empty. */
    readonly table: Int32Array,
    readonly tableShift: number,
    readonly parent: Int32Array,
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

    // Columns: only the code units that occur in patterns get one.
    const colOf = new Uint16Array(65536);
    let width = 1;
    for (const p of patterns) {
      for (let k = 0; k < p.length; k++) {
        const c = p.charCodeAt(k);
        if (colOf[c] === 0) {
          if (width === 65535) throw new Error('too many distinct characters in the patterns');
          colOf[c] = width++;
        }
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
    const denseCount = Math.max(1, Math.min(count, Math.floor(DENSE_BUDGET / width)));
    const delta = new Int32Array(denseCount * width);

    // Hash of the edges leaving sparse nodes.
    const sparseEdges = Math.max(0, count - 1 - countChildrenOfDense(parent, count, denseCount));
    let bits = 1;
    while (1 << bits < sparseEdges * 2) bits++;
    const table = new Int32Array(1 << bits);
    const tableShift = 32 - bits;
    const mask = (1 << bits) - 1;
    const fail = new Int32Array(count);
    const out = new Int32Array(count);
    const automaton = new AhoCorasick(
      patterns, colOf, width, denseCount, delta, fail, out, terminal.subarray(0, count), table, tableShift,
      parent.subarray(0, count), inCol.subarray(0, count),
    );
    for (let v = 1; v < count; v++) {
      const p = parent[v];
      const col = inCol[v];
      if (p < denseCount) delta[p * width + col] = v;
      else {
        let h = (Math.imul(p, H1) ^ Math.imul(col, H2)) >>> tableShift;
        while (table[h] !== 0) h = (h + 1) & mask;
        table[h] = v;
      }
    }
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
    return automaton;
  }

  /** The full transition (failure links applied) from state `s` on column `col`. */
  step(s: number, col: number): number {
    const { denseCount, delta, width, table, tableShift, parent, inCol, fail } = this;
    const mask = table.length - 1;
    while (s >= denseCount) {
      if (col === 0) return 0;
      let h = (Math.imul(s, H1) ^ Math.imul(col, H2)) >>> tableShift;
      for (;;) {
        const t = table[h];
        if (t === 0) break;
        if (parent[t] === s && inCol[t] === col) return t;
        h = (h + 1) & mask;
      }
      s = fail[s];
    }
    return delta[s * width + col];
  }

  /**
   * Every occurrence, nested and overlapping ones included, as pairs (pattern index, end offset) in `sink`.
   * Returns the number of pairs written.
   */
  findAll(units: Uint16Array, length: number, sink: MatchSink): number {
    const { colOf, denseCount, delta, width, table, tableShift, parent, inCol, fail, out, terminal } = this;
    const mask = table.length - 1;
    let s = 0;
    let found = 0;
    for (let i = 0; i < length; i++) {
      const col = colOf[units[i]];
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
        sink.push(terminal[r], i + 1);
        found++;
        r = out[fail[r]];
      }
    }
    return found;
  }
}

function countChildrenOfDense(parent: Int32Array, count: number, denseCount: number): number {
  let n = 0;
  for (let v = 1; v < count; v++) if (parent[v] < denseCount) n++;
  return n;
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

/** A growable list of int32 values, reusable across scans. */
export class IntList {
  data: Int32Array = new Int32Array(256);
  size = 0;

  clear(): void {
    this.size = 0;
  }
}
