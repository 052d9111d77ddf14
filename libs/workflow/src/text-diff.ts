/** One run of a diff between two texts: kept, only in the old text, or only in the new. */
export interface DiffSegment {
  op: 'equal' | 'delete' | 'insert';
  text: string;
  /** UTF-16 offset of the run in the old text (for delete and equal) or where it would sit (insert). */
  from: number;
  /** UTF-16 offset of the run in the new text (for insert and equal) or where it would sit (delete). */
  to: number;
}

export interface DiffOptions {
  /** Most edits Myers may look for between two token lists; beyond it the region is one delete and one insert. */
  maxEdits?: number;
  /** Changed regions longer than this (in characters) are not refined character by character. */
  maxCharRegion?: number;
}

type Op = DiffSegment['op'];
interface Edit { op: Op; a: number; b: number } // token indexes

/**
 * Myers' O(ND) shortest edit script over two token lists, bounded: when more than `maxEdits` edits would be
 * needed, it gives up and reports the whole span as replaced (correct, just not minimal).
 */
export function diffTokens<T>(a: readonly T[], b: readonly T[], maxEdits: number): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const head: Edit[] = [];
  for (let i = 0; i < start; i++) head.push({ op: 'equal', a: i, b: i });
  const tail: Edit[] = [];
  for (let i = 0; i < a.length - endA; i++) tail.push({ op: 'equal', a: endA + i, b: endB + i });
  return [...head, ...middle(a, b, start, endA, start, endB, maxEdits), ...tail];
}

function middle<T>(a: readonly T[], b: readonly T[], a0: number, a1: number, b0: number, b1: number, maxEdits: number): Edit[] {
  const n = a1 - a0;
  const m = b1 - b0;
  const replaced = (): Edit[] => [
    ...Array.from({ length: n }, (_, i): Edit => ({ op: 'delete', a: a0 + i, b: b0 })),
    ...Array.from({ length: m }, (_, i): Edit => ({ op: 'insert', a: a1, b: b0 + i })),
  ];
  if (n === 0 || m === 0) return replaced();
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    // Only the diagonals round d can read: -d-1 … d+1, so memory grows with D², not D·(N+M).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, a0, b0, n, m);
    }
  }
  return replaced();
}

function backtrack(trace: Int32Array[], d: number, a0: number, b0: number, n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let depth = d; depth > 0; depth--) {
    const v = trace[depth];
    const at = (k: number) => v[k + depth + 1];
    const kk = x - y;
    const down = kk === -depth || (kk !== depth && at(kk - 1) < at(kk + 1));
    const prevK = down ? kk + 1 : kk - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; edits.push({ op: 'equal', a: a0 + x, b: b0 + y }); }
    if (down) { y--; edits.push({ op: 'insert', a: a0 + x, b: b0 + y }); } else { x--; edits.push({ op: 'delete', a: a0 + x, b: b0 + y }); }
  }
  while (x > 0 && y > 0) { x--; y--; edits.push({ op: 'equal', a: a0 + x, b: b0 + y }); }
  return edits.reverse();
}

/** Lines with their line break, so joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * A line diff of two texts, with each changed region refined to characters when it is small enough. The
 * segments, read in order, rebuild both texts: equal + delete gives the old one, equal + insert the new one.
 */
export function diffText(oldText: string, newText: string, options: DiffOptions = {}): DiffSegment[] {
  const maxEdits = options.maxEdits ?? 1000;
  const maxCharRegion = options.maxCharRegion ?? 4000;
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const out: DiffSegment[] = [];
  const startsA = offsets(oldLines);
  const startsB = offsets(newLines);
  const edits = diffTokens(oldLines, newLines, maxEdits);
  let i = 0;
  while (i < edits.length) {
    if (edits[i].op === 'equal') {
      const e = edits[i++];
      push(out, 'equal', oldLines[e.a], startsA[e.a], startsB[e.b]);
      continue;
    }
    // A run of deleted and inserted lines: compare it character by character when small.
    const first = edits[i];
    let deleted = '';
    let inserted = '';
    const aAt = first.op === 'delete' ? startsA[first.a] : startsA[first.a] ?? oldText.length;
    const bAt = first.op === 'insert' ? startsB[first.b] : startsB[first.b] ?? newText.length;
    while (i < edits.length && edits[i].op !== 'equal') {
      const e = edits[i++];
      if (e.op === 'delete') deleted += oldLines[e.a];
      else inserted += newLines[e.b];
    }
    if (deleted && inserted && deleted.length + inserted.length <= maxCharRegion) {
      const chars = diffTokens([...deleted], [...inserted], maxEdits);
      const da = codeUnitOffsets([...deleted]);
      const db = codeUnitOffsets([...inserted]);
      const delChars = [...deleted];
      const insChars = [...inserted];
      for (const c of chars) {
        if (c.op === 'insert') push(out, 'insert', insChars[c.b], aAt + da[c.a], bAt + db[c.b]);
        else push(out, c.op, delChars[c.a], aAt + da[c.a], bAt + db[c.b]);
      }
    } else {
      if (deleted) push(out, 'delete', deleted, aAt, bAt);
      if (inserted) push(out, 'insert', inserted, aAt + deleted.length, bAt);
    }
  }
  return out;
}

function offsets(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) { starts.push(at); at += line.length; }
  starts.push(at);
  return starts;
}

/** Offsets in UTF-16 code units of each code point, plus the end. */
function codeUnitOffsets(chars: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const c of chars) { out.push(at); at += c.length; }
  out.push(at);
  return out;
}

/** Appends, merging with the previous run of the same kind. */
function push(out: DiffSegment[], op: Op, text: string, from: number, to: number): void {
  const prev = out[out.length - 1];
  if (prev && prev.op === op) { prev.text += text; return; }
  out.push({ op, text, from, to });
}
