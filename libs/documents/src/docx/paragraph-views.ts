import type { Part } from '../types';

/** A stretch of a paragraph's text with one revision state and visibility. */
export interface Segment {
  text: string;
  /** Author of the `w:ins`/`w:moveTo` around it ('' when unnamed). */
  inserted?: string;
  /** Author of the `w:del`/`w:moveFrom` around it ('' when unnamed). */
  deleted?: string;
  hidden: boolean;
}

/** One reading of a paragraph: the part it belongs to, and the author of the change it shows. */
export interface ParagraphView {
  part: Part | 'story';
  text: string;
  author?: string;
}

/**
 * The readings of one paragraph. Plain text stays whole in its own story (so a marking Word split into runs is one
 * string); each change is shown as the paragraph read with it, because a marking can straddle kept and changed text
 * (`机密★` deleted before a kept `10年` was `机密★10年` in the version before).
 */
export function paragraphViews(segments: Segment[]): ParagraphView[] {
  const views: ParagraphView[] = [];
  const join = (keep: (s: Segment) => boolean): string => segments.filter(keep).map((s) => s.text).join('');
  const plain = (s: Segment): boolean => s.inserted === undefined && s.deleted === undefined && !s.hidden;
  views.push({ part: 'story', text: join(plain) });
  if (segments.some((s) => s.inserted !== undefined && s.deleted === undefined)) {
    views.push({
      part: 'tracked-insertion',
      text: join((s) => s.deleted === undefined && (s.inserted !== undefined || !s.hidden)),
      author: authors(segments.map((s) => (s.deleted === undefined ? s.inserted : undefined))),
    });
  }
  if (segments.some((s) => s.deleted !== undefined)) {
    views.push({
      part: 'tracked-deletion',
      text: join((s) => s.deleted !== undefined || (s.inserted === undefined && !s.hidden)),
      author: authors(segments.map((s) => s.deleted)),
    });
  }
  if (segments.some((s) => s.hidden && s.inserted === undefined && s.deleted === undefined)) {
    views.push({ part: 'hidden-text', text: join((s) => s.inserted === undefined && s.deleted === undefined) });
  }
  return views;
}

function authors(names: (string | undefined)[]): string | undefined {
  const unique = [...new Set(names.filter((n): n is string => !!n))];
  return unique.length > 0 ? unique.join('、') : undefined;
}
