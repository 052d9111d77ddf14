/** Text with, for every code unit, the range of the source it came from. */
export interface MappedText {
  readonly text: string;
  /** Source offset where text unit `offset` starts (the end of the mapped source past the last unit). */
  toSource(offset: number): number;
  /** Source offset just past text unit `end - 1`: the end of a range [start, end) in the source. */
  toSourceEnd(end: number): number;
}

/** Builds a MappedText unit by unit. */
export class MappedTextBuilder {
  private chunks: string[] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private n = 0;
  /** The last code unit added (-1 when empty): kept so separate() never has to look into the joined text. */
  private last = -1;

  get length(): number {
    return this.n;
  }

  /** Adds `s`, every unit of it from source range [from, to). */
  add(s: string, from: number, to: number): void {
    if (s.length === 0) return;
    this.reserve(s.length);
    for (let k = 0; k < s.length; k++) {
      this.starts[this.n] = from;
      this.ends[this.n++] = to;
    }
    this.chunks.push(s);
    this.last = s.charCodeAt(s.length - 1);
  }

  /** Adds source[from, to) one unit per source unit; `spaces`: line breaks, tabs and form feeds become spaces. */
  addRaw(source: string, from: number, to: number, spaces = false): void {
    if (to <= from) return;
    this.reserve(to - from);
    for (let j = from; j < to; j++) {
      this.starts[this.n] = j;
      this.ends[this.n++] = j + 1;
    }
    const s = source.slice(from, to);
    const chunk = spaces ? s.replace(/[\n\r\t\f]/g, ' ') : s;
    this.chunks.push(chunk);
    this.last = chunk.charCodeAt(chunk.length - 1);
  }

  /** A line break, unless the text is empty or ends with one already. */
  separate(at: number): void {
    if (this.n > 0 && this.last !== 10) this.add('\n', at, at);
  }

  /** `fallback`: what toSource answers past the end (default: the end of the last unit's source). */
  build(fallback?: number): MappedText {
    const n = this.n;
    const starts = this.starts.slice(0, n);
    const ends = this.ends.slice(0, n);
    const past = fallback ?? (n > 0 ? ends[n - 1] : 0);
    const text = this.chunks.join('');
    this.chunks = [text];
    return {
      text,
      toSource: (o) => (o < n ? starts[o] : past),
      toSourceEnd: (e) => (e <= 0 ? (n > 0 ? starts[0] : 0) : n > 0 ? ends[Math.min(e, n) - 1] : past),
    };
  }

  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.starts.length) return;
    let size = this.starts.length * 2;
    while (size < need) size *= 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.n));
    ends.set(this.ends.subarray(0, this.n));
    this.starts = starts;
    this.ends = ends;
  }
}
