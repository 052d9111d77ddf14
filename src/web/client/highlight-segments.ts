/** A range of the shown text to highlight; `index` is the hit's place in the scan's list. */
export interface Span {
  index: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** indexes of every span covering this segment, outermost (earliest start, longest) first */
  covering: number[];
}

/**
 * Cuts [0, length) at every span boundary, so overlapping and nested hits each get whole segments:
 * a hit's text is exactly the concatenation of the segments that carry its index.
 */
export function segmentsOf(length: number, spans: readonly Span[]): Segment[] {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end);
  const cuts = new Set<number>([0, length]);
  for (const span of valid) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const ordered = [...valid].sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const covering = ordered.filter((s) => s.start <= start && s.end >= end).map((s) => s.index);
    const previous = segments[segments.length - 1];
    // Join plain text runs; a highlighted run stays split where its set of hits changes.
    if (covering.length === 0 && previous && previous.covering.length === 0) previous.end = end;
    else segments.push({ start, end, covering });
  }
  return segments;
}
