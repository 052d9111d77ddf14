import type { Location, TextPiece } from '@clearance/documents';

/** Consecutive pieces in one place, joined into the text that is scanned. */
export interface GroupedPart {
  /** The place: the pieces' location without paragraph or cell. */
  location: Location;
  text: string;
  pieces: readonly TextPiece[];
  /** Offset of each piece's text in `text`. */
  starts: Int32Array;
}

/**
 * Groups pieces into parts: consecutive pieces whose locations differ only in paragraph or cell (at any depth of
 * `inner`) are one part, so a marking split over two cells of a row or two lines of a page is read as one text.
 * Yields one part at a time so the caller can scan it before the next is joined.
 */
export function* groupParts(pieces: readonly TextPiece[]): Generator<GroupedPart> {
  let from = 0;
  while (from < pieces.length) {
    let to = from + 1;
    while (to < pieces.length && samePlace(pieces[from].location, pieces[to].location)) to++;
    const group = pieces.slice(from, to);
    const starts = new Int32Array(group.length);
    const texts: string[] = [];
    let offset = 0;
    group.forEach((p, k) => {
      if (k > 0) {
        const separator = p.separator ?? '\n';
        texts.push(separator);
        offset += separator.length;
      }
      starts[k] = offset;
      texts.push(p.text);
      offset += p.text.length;
    });
    yield { location: placeOf(group[0].location), text: texts.join(''), pieces: group, starts };
    from = to;
  }
}

/** Index of the piece that `offset` (into the part's text) falls in; a separator belongs to the piece before it. */
export function pieceAt(part: GroupedPart, offset: number): number {
  const starts = part.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A location without paragraph and cell, at every depth. */
export function placeOf(location: Location): Location {
  const { paragraph: _paragraph, cell: _cell, inner, ...rest } = location;
  return inner ? { ...rest, inner: placeOf(inner) } : rest;
}

type PlaceKey = Exclude<keyof Location, 'paragraph' | 'cell' | 'inner'>;
const PLACE_KEYS = ['file', 'part', 'page', 'sheet', 'slide', 'author', 'field'] as const satisfies readonly PlaceKey[];
// A field added to Location must be listed above (or dropped like paragraph and cell): this fails the build until it is.
const _everyPlaceKey: Exclude<PlaceKey, (typeof PLACE_KEYS)[number]> extends never ? true : never = true;

function samePlace(a: Location, b: Location): boolean {
  for (const key of PLACE_KEYS) if (a[key] !== b[key]) return false;
  if (!a.inner || !b.inner) return a.inner === b.inner;
  return samePlace(a.inner, b.inner);
}

/** The kind of place the text is in: for an embedded file, the part inside it. */
export function innermostPart(location: Location): Location['part'] {
  return location.inner ? innermostPart(location.inner) : location.part;
}

/** The location with its innermost part replaced by `unreadable`. */
export function unreadableAt(location: Location): Location {
  return location.inner ? { ...location, inner: unreadableAt(location.inner) } : { ...location, part: 'unreadable' };
}
