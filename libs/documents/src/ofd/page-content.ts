import type { XmlElement } from '../xml/parse-xml';
import type { PlacedText } from './text-lines';

/** What one content stream (a page, a template, a composite unit, an annotation's appearance) holds. */
export interface ContentParts {
  codes: PlacedText[];
  /** `ImageObject` resource ids in drawing order. */
  images: string[];
  /** `CompositeObject` resource ids in drawing order. */
  composites: string[];
  /** Text objects whose TextCodes are empty but which draw glyphs (`CGTransform`): text that cannot be read. */
  glyphOnly: number;
}

/** A millimetre size used when a text object gives none (10.5 pt, 五号). */
const DEFAULT_SIZE = 3.7;
/** A repeat count in DeltaX beyond any real line: guards `g 1000000000 1`. */
const MAX_REPEAT = 10_000;

interface TextObject {
  index: number;
  x: number;
  y: number;
  ctm: number[];
  size: number;
  lastX: number;
  lastY: number;
  hasText: boolean;
  glyphs: boolean;
}

interface TextCode {
  x: number;
  y: number;
  deltaX: number[];
  vertical: boolean;
  text: string;
}

/**
 * Collects the text codes (placed on the page), images and composite objects of OFD page content (GB/T 33190 §8–11)
 * from parse events. Text inside clipping areas (`Clips`) only shapes a clip and is left out.
 */
export class ContentCollector {
  readonly parts: ContentParts = { codes: [], images: [], composites: [], glyphOnly: 0 };
  private objects = 0;
  private object: TextObject | undefined;
  private code: TextCode | undefined;
  private clips = 0;

  open(el: XmlElement): void {
    if (this.clips > 0) {
      this.clips++;
      return;
    }
    const a = el.attrs;
    switch (el.local) {
      case 'Clips':
        this.clips = 1;
        break;
      case 'TextObject': {
        const [x = 0, y = 0] = numbers(a.Boundary);
        const ctm = numbers(a.CTM);
        const size = Number(a.Size);
        this.object = {
          index: this.objects++,
          x,
          y,
          ctm: ctm.length === 6 ? ctm : [1, 0, 0, 1, 0, 0],
          size: size > 0 ? size : DEFAULT_SIZE,
          lastX: 0,
          lastY: 0,
          hasText: false,
          glyphs: false,
        };
        break;
      }
      case 'TextCode':
        if (this.object) {
          // X and Y may be left out after the first code of an object: they then repeat the previous code's.
          const x = a.X === undefined ? this.object.lastX : Number(a.X) || 0;
          const y = a.Y === undefined ? this.object.lastY : Number(a.Y) || 0;
          this.code = { x, y, deltaX: deltas(a.DeltaX), vertical: a.DeltaY !== undefined && a.DeltaX === undefined, text: '' };
          this.object.lastX = x;
          this.object.lastY = y;
        }
        break;
      case 'CGTransform':
        if (this.object) this.object.glyphs = true;
        break;
      case 'ImageObject':
        if (a.ResourceID) this.parts.images.push(a.ResourceID);
        break;
      case 'CompositeObject':
        if (a.ResourceID) this.parts.composites.push(a.ResourceID);
        break;
    }
  }

  text(t: string): void {
    if (this.code) this.code.text += t;
  }

  close(el: XmlElement): void {
    if (this.clips > 0) {
      this.clips--;
      return;
    }
    if (el.local === 'TextCode' && this.code && this.object) {
      this.place(this.object, this.code);
      this.code = undefined;
    } else if (el.local === 'TextObject' && this.object) {
      if (this.object.glyphs && !this.object.hasText) this.parts.glyphOnly++;
      this.object = undefined;
    }
  }

  private place(o: TextObject, c: TextCode): void {
    if (c.text === '') return;
    // A code of spaces still separates words; only real text proves the object is not glyphs alone.
    if (/\S/.test(c.text)) o.hasText = true;
    const chars = [...c.text];
    let advance = 0;
    for (let k = 0; k < chars.length; k++) {
      advance += k < chars.length - 1 && c.deltaX[k] !== undefined ? c.deltaX[k] : glyphWidth(chars[k], o.size);
    }
    const [a, b, cc, d, e, f] = o.ctm;
    const at = (x: number, y: number): [number, number] => [o.x + a * x + cc * y + e, o.y + b * x + d * y + f];
    const [x, y] = at(c.x, c.y);
    const [end] = at(c.x + advance, c.y);
    const scale = Math.sqrt(Math.abs(a * d - b * cc)) || 1;
    this.parts.codes.push({ text: c.text, x, y, end, size: o.size * scale, object: o.index, vertical: c.vertical });
  }
}

/** A rough advance: CJK and full-width glyphs are square, the rest about half as wide. */
function glyphWidth(ch: string, size: number): number {
  return (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size / 2;
}

function numbers(text: string | undefined): number[] {
  if (!text) return [];
  return text.trim().split(/[\s,]+/).map(Number).filter(Number.isFinite);
}

/** DeltaX/DeltaY (ST_Array with `g n v` for n repeats of v). */
export function deltas(text: string | undefined): number[] {
  if (!text) return [];
  const tokens = text.trim().split(/\s+/);
  const out: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k] === 'g') {
      const n = Math.min(Number(tokens[k + 1]) || 0, MAX_REPEAT);
      const v = Number(tokens[k + 2]);
      for (let r = 0; r < n; r++) out.push(v);
      k += 2;
    } else out.push(Number(tokens[k]));
  }
  return out.map((v) => (Number.isFinite(v) ? v : 0));
}
