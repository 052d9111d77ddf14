/**
 * Aho–Corasick over UTF-16 code units, on typed arrays. Nodes are numbered breadth-first, so the children
 * of a node are consecutive ids sorted by code unit and the failure link of a node always has a smaller id.
 */
export class AhoCorasick {
  private constructor(
    /** Number of distinct patterns; a match reports the index into `patterns`. */
    readonly patterns: readonly string[],
    private readonly rootNext: Int32Array,
    private readonly childStart: Int32Array,
    private readonly inChar: Uint16Array,
    private readonly fail: Int32Array,
    /** Nearest node at or above (via failure links) that ends a pattern, 0 if none. */
    private readonly out: Int32Array,
    private readonly terminal: Int32Array,
  ) {}

  get nodeCount(): number {
    return this.fail.length;
  }

  /** `patterns` must be distinct and non-empty. */
  static compile(patterns: readonly string[]): AhoCorasick {
    const order = patterns.map((_, k) => k).sort((a, b) => (patterns[a] < patterns[b] ? -1 : patterns[a] > patterns[b] ? 1 : 0));
    let total = 1;
    let maxLen = 0;
    for (const p of patterns) {
      if (p.length === 0) throw new Error('empty pattern');
      total += p.length;
      if (p.length > maxLen) maxLen = p.length;
    }
    const parent = new Int32Array(total);
    const inChar = new Uint16Array(total);
    const terminal = new Int32Array(total).fill(-1);
    let active = Int32Array.from(order);
    let nodeOf = new Int32Array(patterns.length); // node of each active pattern at the previous depth
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
          inChar[count] = ch;
          count++;
          prevParent = par;
          prevChar = ch;
        }
        const node = count - 1;
        if (p.length === d + 1) {
          if (terminal[node] >= 0) throw new Error(`duplicate pattern: ${p}`);
          terminal[node] = active[a];
        } else {
          nextActive[kept] = active[a];
          nextNode[kept++] = node;
        }
      }
      active = nextActive.subarray(0, kept);
      nodeOf = nextNode.subarray(0, kept);
    }
    const childStart = new Int32Array(count + 1);
    const children = new Int32Array(count);
    for (let v = 1; v < count; v++) children[parent[v]]++;
    childStart[0] = 1;
    for (let v = 0; v < count; v++) childStart[v + 1] = childStart[v] + children[v];
    const rootNext = new Int32Array(65536);
    for (let v = childStart[0]; v < childStart[1]; v++) rootNext[inChar[v]] = v;
    const fail = new Int32Array(count);
    const out = new Int32Array(count);
    const automaton = new AhoCorasick(patterns, rootNext, childStart, inChar.slice(0, count), fail, out, terminal.slice(0, count));
    for (let v = 1; v < count; v++) {
      const p = parent[v];
      if (p !== 0) {
        let f = fail[p];
        for (;;) {
          const t = automaton.step(f, inChar[v]);
          if (t !== 0 || f === 0) {
            fail[v] = t;
            break;
          }
          f = fail[f];
        }
      }
      out[v] = terminal[v] >= 0 ? v : out[fail[v]];
    }
    return automaton;
  }

  /** Transition without failure: the child of `s` on `c`, or 0. */
  private step(s: number, c: number): number {
    if (s === 0) return this.rootNext[c];
    let lo = this.childStart[s];
    let hi = this.childStart[s + 1];
    const inChar = this.inChar;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (inChar[lo] === c) return lo;
      return 0;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = inChar[mid];
      if (m === c) return mid;
      if (m < c) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  /**
   * Every occurrence, nested and overlapping ones included, as pairs (pattern index, end offset) in `sink`.
   * Returns the number of pairs written.
   */
  findAll(units: Uint16Array, length: number, sink: MatchSink): number {
    const { rootNext, childStart, inChar, fail, out, terminal } = this;
    let s = 0;
    let found = 0;
    for (let i = 0; i < length; i++) {
      const c = units[i];
      for (;;) {
        if (s === 0) {
          s = rootNext[c];
          break;
        }
        let lo = childStart[s];
        const hi = childStart[s + 1];
        let t = 0;
        if (hi - lo <= 8) {
          for (; lo < hi; lo++) {
            if (inChar[lo] === c) {
              t = lo;
              break;
            }
          }
        } else {
          let hi2 = hi;
          while (lo < hi2) {
            const mid = (lo + hi2) >>> 1;
            const m = inChar[mid];
            if (m === c) {
              t = mid;
              break;
            }
            if (m < c) lo = mid + 1;
            else hi2 = mid;
          }
        }
        if (t !== 0) {
          s = t;
          break;
        }
        s = fail[s];
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
