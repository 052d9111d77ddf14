/** The fields of a pdfjs TextItem the line builder needs. */
export interface PositionedText {
  str: string;
  /** [a, b, c, d, e, f]: the baseline direction is (a, b), the origin (e, f). */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/**
 * Joins a page's text items into lines, in content order. Word and WPS write a line as several items (a marking's
 * ★ comes from a symbol font, a number from a Latin one): items stay on one line while they sit on its baseline.
 * pdfjs's hasEOL breaks a line only where the next item does not carry on along the same baseline: it is set
 * after every word of OCR layers that change horizontal scaling per word (Tesseract's own PDFs). A wide gap on a
 * line (table cells, a date flushed right) becomes a space.
 */
export function textLines(items: readonly PositionedText[]): string[] {
  const lines: string[] = [];
  let text = '';
  let line: { x: number; y: number; dx: number; dy: number; size: number } | null = null;
  let last = { x: 0, y: 0 };
  let end = { x: 0, y: 0 };
  let broken = false;
  const flush = (): void => {
    const trimmed = text.trim();
    if (trimmed) lines.push(trimmed);
    text = '';
    line = null;
  };
  for (const item of items) {
    const [a, b, c, d, x, y] = item.transform;
    const size = Math.max(item.height, Math.hypot(c, d), 1e-6);
    if (line !== null) {
      const across = Math.abs((x - line.x) * -line.dy + (y - line.y) * line.dx);
      // From the previous item's origin, not its end: widths are unreliable in OCR layers that stretch each word.
      const onward = (x - last.x) * line.dx + (y - last.y) * line.dy;
      const gap = (x - end.x) * line.dx + (y - end.y) * line.dy;
      if (across > line.size / 2 || (broken && onward <= 0)) flush();
      else if (item.str && gap > line.size && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    }
    if (line === null) {
      const norm = Math.hypot(a, b);
      line = norm > 0 ? { x, y, dx: a / norm, dy: b / norm, size } : { x, y, dx: 1, dy: 0, size };
    }
    text += item.str;
    last = { x, y };
    end = { x: x + line.dx * item.width, y: y + line.dy * item.width };
    broken = item.hasEOL;
  }
  flush();
  return lines;
}
