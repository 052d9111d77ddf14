import type { ExtractedDocument, Location, Part } from '@clearance/documents';
import type { HtmlSegment } from '@clearance/documents/html/html-text';
import { gapHit } from './coverage-hits';
import { hiddenPartName, hiddenReason, holdsText } from './hidden-content';
import { contextOf, headEnd } from './hit-context';
import { groupParts, innermostPart, pieceAt } from './part-grouping';
import type { MatchText, TextMatch } from './text-match';
import type { AttachmentPart, AttachmentScan, Hit } from './types';
import { verdictOf } from './verdict';

/** Bump when hidden-content or coverage hits change: it feeds the rules version reported with every scan. */
export const SCAN_PIECES_VERSION = 'pieces@1';

/** How much of a hidden place a hidden-content hit quotes. */
const HIDDEN_HEAD = 60;

function fromMatch(m: TextMatch, rest: Omit<Hit, 'ruleId' | 'category' | 'severity' | 'normalized' | 'reason'>): Hit {
  const hit: Hit = { ruleId: m.ruleId, category: m.category, severity: m.severity, ...rest, normalized: m.normalized, reason: m.reason };
  if (m.suggestion) hit.suggestion = m.suggestion;
  return hit;
}

/**
 * One attachment: its pieces grouped into parts, each part scanned as one text (one at a time, through the
 * scanner's buffers) with every hit located at the piece it starts in; one hidden-content hit per hidden kind of
 * place that holds text; one not-examined hit per coverage gap.
 */
export function scanAttachment(index: number, filename: string, document: ExtractedDocument, match: MatchText): { scan: AttachmentScan; hits: Hit[] } {
  const hits: Hit[] = [];
  const parts: AttachmentPart[] = [];
  const hiddenSeen = new Set<Part>();
  for (const part of groupParts(document.pieces)) {
    const partIndex = parts.length;
    const text = part.text;
    parts.push({ location: part.location, text });
    const kind = innermostPart(part.location);
    for (const m of match(text, kind)) {
      const location = part.pieces[pieceAt(part, m.start)].location;
      hits.push(fromMatch(m, { field: 'attachment', attachment: index, partIndex, location, start: m.start, end: m.end, text: text.slice(m.start, m.end), context: contextOf(text, m.start, m.end) }));
    }
    const name = hiddenPartName(kind);
    if (name === undefined || hiddenSeen.has(kind)) continue;
    const first = part.pieces.findIndex((p) => holdsText(p.text, kind) && !isAnnotation(p.location));
    if (first < 0) continue;
    hiddenSeen.add(kind);
    const piece = part.pieces[first];
    const start = part.starts[first] + (/\S/.exec(piece.text)?.index ?? 0);
    const end = headEnd(text, start, Math.min(HIDDEN_HEAD, part.starts[first] + piece.text.length - start));
    hits.push({
      ruleId: 'hidden-content',
      category: 'hidden-content',
      severity: 'review',
      field: 'attachment',
      attachment: index,
      partIndex,
      location: piece.location,
      start,
      end,
      text: text.slice(start, end),
      normalized: '',
      context: contextOf(text, start, end),
      reason: hiddenReason(name, true),
    });
  }
  for (const gap of document.coverage.gaps) hits.push(gapHit(gap, index, filename));
  const kept = withoutViewRepeats(hits);
  return { scan: { filename, verdict: verdictOf(kept), coverage: document.coverage, parts }, hits: kept };
}

/**
 * Hidden text a reader tags with a `field` is an annotation of visible content (a field instruction, an image's alt
 * text, the glossary's building blocks): scanned like the rest, but most documents have some, so it alone does not
 * make a hidden-content hit.
 */
function isAnnotation(location: Location): boolean {
  let at = location;
  while (at.part === 'embedded' && at.inner) at = at.inner;
  return at.part === 'hidden-text' && at.field !== undefined;
}

/** Parts a reader emits as another view of a paragraph that is also emitted as it reads (before/after a change, hidden text shown). */
const VIEW_PARTS: ReadonlySet<Part> = new Set<Part>(['tracked-insertion', 'tracked-deletion', 'hidden-text']);

/** A location with its part and author dropped: the paragraph a view shows, whatever the view. */
function placeKey(location: Location | undefined): string {
  if (!location) return '';
  const { part: _part, author: _author, inner, ...rest } = location;
  return JSON.stringify([rest, placeKey(inner)]);
}

function isView(location: Location | undefined): boolean {
  return location !== undefined && (VIEW_PARTS.has(location.part) || (location.part === 'embedded' && isView(location.inner)));
}

/**
 * A view repeats the paragraph's unchanged text: a mobile in the kept text would be reported once for the body and
 * again for each view. Keep a view's hit only where the body of that paragraph does not already have it.
 */
function withoutViewRepeats(hits: Hit[]): Hit[] {
  const key = (h: Hit): string => `${h.ruleId}\u0000${h.normalized}\u0000${placeKey(h.location)}`;
  const plain = new Set(hits.filter((h) => h.ruleId !== 'hidden-content' && !isView(h.location)).map(key));
  return hits.filter((h) => h.ruleId === 'hidden-content' || !isView(h.location) || !plain.has(key(h)));
}

/**
 * The hidden places of an HTML body: each segment scanned on its own, hits in offsets into the HTML source and
 * located at the place; one hidden-content hit per hidden kind (comments, hidden elements) that holds text.
 */
export function scanHtmlSegments(source: string, segments: readonly HtmlSegment[], match: MatchText): Hit[] {
  const hits: Hit[] = [];
  const hiddenSeen = new Set<Part>();
  for (const seg of segments) {
    const location = seg.field === undefined ? { file: '', part: seg.part } : { file: '', part: seg.part, field: seg.field };
    for (const m of match(seg.text, seg.part)) {
      const start = seg.toSource(m.start);
      const end = seg.toSourceEnd(m.end);
      hits.push(fromMatch(m, { field: 'body', location, start, end, text: source.slice(start, end), context: contextOf(seg.text, m.start, m.end) }));
    }
    const name = hiddenPartName(seg.part);
    if (name === undefined || hiddenSeen.has(seg.part) || !holdsText(seg.text, seg.part)) continue;
    hiddenSeen.add(seg.part);
    const from = /\S/.exec(seg.text)?.index ?? 0;
    const to = headEnd(seg.text, from, HIDDEN_HEAD);
    const start = seg.toSource(from);
    const end = seg.toSourceEnd(to);
    hits.push({
      ruleId: 'hidden-content',
      category: 'hidden-content',
      severity: 'review',
      field: 'body',
      location,
      start,
      end,
      text: source.slice(start, end),
      normalized: '',
      context: contextOf(seg.text, from, to),
      reason: hiddenReason(name, false),
    });
  }
  return hits;
}
