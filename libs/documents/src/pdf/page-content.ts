import type { PdfjsModule } from './pdfjs-loader';

/** [a, b, c, d, e, f], as PDF and pdfjs write an affine transform. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2: m2 applied first, as `cm` concatenates onto the current transform. */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** One image painted on the page. */
export interface ImageDraw {
  /** A pdfjs object id (resolved through the page's objs), or the decoded image itself (inline images, masks). */
  source: string | object;
  /** A stencil mask: painted where its bits are 0, in the fill colour. */
  mask: boolean;
  /** Maps the unit square, where the image sits with its first row at the top, to the page's user space. */
  matrix: Matrix;
  /** For an image packed with others (pdfjs groups small inline images): the part of it drawn. */
  crop?: { x: number; y: number; w: number; h: number };
}

/** What a page's operator list paints, as far as deciding whether (and what) to OCR needs. */
export interface PageContent {
  images: ImageDraw[];
  /** Glyphs shown in a visible text mode, and in the invisible mode an OCR layer over a scan uses (3 or 7). */
  visibleGlyphs: number;
  invisibleGlyphs: number;
  /** Coordinates of filled and stroked paths: text converted to outlines runs to many thousands. */
  pathPoints: number;
}

type Ops = PdfjsModule['OPS'];

/** Walks an operator list, tracking the transform through save/restore, forms, groups and annotations. */
export function pageContent(list: { fnArray: number[]; argsArray: unknown[] }, OPS: Ops): PageContent {
  const content: PageContent = { images: [], visibleGlyphs: 0, invisibleGlyphs: 0, pathPoints: 0 };
  let state = { ctm: IDENTITY, textMode: 0 };
  const stack: (typeof state)[] = [];
  const push = (ctm = state.ctm): void => {
    stack.push(state);
    state = { ...state, ctm };
  };
  const pop = (): void => {
    state = stack.pop() ?? state;
  };
  const draw = (source: unknown, mask: boolean, matrix: Matrix, crop?: ImageDraw['crop']): void => {
    if ((typeof source === 'string' || (typeof source === 'object' && source !== null)) && matrix.every(Number.isFinite)) {
      content.images.push(crop ? { source, mask, matrix, crop } : { source, mask, matrix });
    }
  };
  list.fnArray.forEach((fn, k) => {
    const args = (Array.isArray(list.argsArray[k]) ? list.argsArray[k] : []) as unknown[];
    switch (fn) {
      case OPS.save:
      case OPS.beginGroup:
        push();
        break;
      case OPS.restore:
      case OPS.endGroup:
      case OPS.paintFormXObjectEnd:
      case OPS.endAnnotation:
        pop();
        break;
      case OPS.transform:
        state.ctm = multiply(state.ctm, matrix(args));
        break;
      case OPS.paintFormXObjectBegin:
        push(args[0] ? multiply(state.ctm, matrix(args[0])) : state.ctm);
        break;
      case OPS.beginAnnotation:
        // An annotation's appearance is drawn from the page's base transform, not the one its content left.
        push(multiply(matrix(args[2]), matrix(args[3])));
        break;
      case OPS.setTextRenderingMode:
        state.textMode = typeof args[0] === 'number' ? args[0] : 0;
        break;
      case OPS.showText:
      case OPS.showSpacedText: {
        const glyphs = Array.isArray(args[0]) ? (args[0] as unknown[]).filter(isVisibleGlyph).length : 0;
        if (state.textMode === 3 || state.textMode === 7) content.invisibleGlyphs += glyphs;
        else content.visibleGlyphs += glyphs;
        break;
      }
      case OPS.constructPath:
        if (Array.isArray(args[1])) for (const part of args[1] as unknown[]) content.pathPoints += ArrayBuffer.isView(part) ? (part as Float32Array).length : 0;
        break;
      case OPS.paintImageXObject:
        draw(args[0], false, state.ctm);
        break;
      case OPS.paintInlineImageXObject:
        draw(args[0], false, state.ctm);
        break;
      case OPS.paintImageMaskXObject:
        draw(args[0], true, state.ctm);
        break;
      case OPS.paintImageXObjectRepeat: {
        const [id, sx, sy, positions] = args as [unknown, number, number, ArrayLike<number>];
        for (let p = 0; p + 1 < (positions?.length ?? 0); p += 2) draw(id, false, multiply(state.ctm, [sx, 0, 0, sy, positions[p], positions[p + 1]]));
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        const [img, sx, kx, ky, sy, positions] = args as [unknown, number, number, number, number, ArrayLike<number>];
        for (let p = 0; p + 1 < (positions?.length ?? 0); p += 2) draw(img, true, multiply(state.ctm, [sx, kx, ky, sy, positions[p], positions[p + 1]]));
        break;
      }
      case OPS.paintImageMaskXObjectGroup:
        for (const img of Array.isArray(args[0]) ? (args[0] as Array<{ transform?: unknown }>) : []) draw(img, true, multiply(state.ctm, matrix(img.transform)));
        break;
      case OPS.paintInlineImageXObjectGroup:
        for (const entry of Array.isArray(args[1]) ? (args[1] as Array<{ transform?: unknown; x: number; y: number; w: number; h: number }>) : []) {
          draw(args[0], false, multiply(state.ctm, matrix(entry.transform)), { x: entry.x, y: entry.y, w: entry.w, h: entry.h });
        }
        break;
    }
  });
  return content;
}

function matrix(value: unknown): Matrix {
  const m = value as ArrayLike<number> | null | undefined;
  return m && m.length >= 6 ? [m[0], m[1], m[2], m[3], m[4], m[5]] : IDENTITY;
}

function isVisibleGlyph(g: unknown): boolean {
  return typeof g === 'object' && g !== null && typeof (g as { unicode?: unknown }).unicode === 'string' && /\S/.test((g as { unicode: string }).unicode);
}
