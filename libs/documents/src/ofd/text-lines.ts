/** One TextCode placed on the page: page coordinates in millimetres, y downwards. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  /** Where the last glyph ends, estimated from DeltaX or the font size. */
  end: number;
  /** Font size on the page, in millimetres. */
  size: number;
  /** Which TextObject the code belongs to (its codes stay together). */
  object: number;
  /** Set out top to bottom (DeltaY without DeltaX). */
  vertical: boolean;
}

/** A line break when the baseline moves by more than this share of the font size. */
const LINE_SHIFT = 0.5;
/** Between two text objects on one line, a gap wider than this many font sizes is written as a space. */
const WORD_GAP = 1.5;

/**
 * The lines of text of a page, in the order the codes are drawn: a new line when the baseline moves noticeably, codes
 * of one text object joined as they are (a marking split into TextCodes at increasing X stays whole), separate
 * objects on one line joined directly when they touch (exporters that place every glyph alone) or by a space.
 */
export function textLines(codes: readonly PlacedText[]): string[] {
  const lines: string[] = [];
  let line = '';
  let prev: PlacedText | undefined;
  for (const c of codes) {
    if (!prev) {
      line = c.text;
      prev = c;
      continue;
    }
    const size = Math.max(c.size, prev.size);
    const sameObject = c.object === prev.object;
    const sameLine =
      Math.abs(c.y - prev.y) <= size * LINE_SHIFT || (sameObject && (c.vertical || prev.vertical) && Math.abs(c.x - prev.x) <= size * LINE_SHIFT);
    if (!sameLine) {
      lines.push(line);
      line = c.text;
    } else {
      const gap = c.x - prev.end;
      line += !sameObject && (gap > size * WORD_GAP || gap < -size * WORD_GAP) ? ` ${c.text}` : c.text;
    }
    prev = c;
  }
  if (prev) lines.push(line);
  return lines.filter((l) => /\S/.test(l));
}
