import { recognizeInto } from '../image/recognize-into';
import type { ReadContext, Where } from '../read-context';
import { multiply, type ImageDraw, type PageContent } from './page-content';
import { paintImages, toPgm, type DecodedImage, type Placement, type Raster } from './page-raster';
import type { PdfPage } from './pdfjs-loader';
import { canRender, renderPage } from './render-page';

/** A page with less text than this is a scan: a page number or a caption printed over it does not make it text. */
const MIN_TEXT_CHARS = 20;
/** Pictures covering this share of a page with text are read too: a scan pasted into a Word document. */
const PICTURE_COVERAGE = 0.25;
/** Smaller images (pixels, or points on the page) are rules, bullets and ornaments, not text. */
const MIN_IMAGE_PIXELS = 16;
const MIN_IMAGE_POINTS = 12;
/** Path coordinates on a page with neither text nor images above which its text was converted to outlines. */
const OUTLINED_TEXT_POINTS = 2_000;
/** OCR at the scan's own resolution (pixels per point), within these bounds, and never a raster larger than this. */
const MIN_SCALE = 0.25;
const MAX_SCALE = 300 / 72;
const MAX_RASTER_PIXELS = 40_000_000;

interface Placed {
  image: DecodedImage;
  draw: ImageDraw;
}

/**
 * OCRs what a page shows as pictures rather than text: a scanned page (images, little text) as one upright
 * raster of all its images; large pictures on a text page, unless the text is an invisible OCR layer over them;
 * a page drawn only with paths (outlined text), rendered when a canvas is available. False once reading must stop.
 */
export async function readScannedContent(page: PdfPage, pageNumber: number, content: PageContent, textChars: number, ctx: ReadContext): Promise<boolean> {
  const where: Where = { part: 'ocr', page: pageNumber };
  const viewport = page.getViewport({ scale: 1 });
  const pageArea = viewport.width * viewport.height;
  const placed: Placed[] = [];
  let undecodable = 0;
  for (const draw of content.images) {
    const image = decoded(page, draw);
    if (image) placed.push({ image, draw });
    else undecodable++;
  }
  const readable = placed.filter(({ image, draw }) => {
    const [a, b, c, d] = draw.matrix;
    return Math.min(image.width, image.height) >= MIN_IMAGE_PIXELS && Math.min(Math.hypot(a, b), Math.hypot(c, d)) >= MIN_IMAGE_POINTS;
  });
  const scan = textChars < MIN_TEXT_CHARS;
  if (scan && undecodable > 0) ctx.gap(where, 'damaged', `第 ${pageNumber} 页有 ${undecodable} 张图片无法解码，未审查`);
  if (readable.length > 0) {
    const coverage = readable.reduce((sum, { draw }) => sum + drawnArea(draw), 0) / pageArea;
    const pictures = coverage >= PICTURE_COVERAGE && content.visibleGlyphs >= content.invisibleGlyphs;
    if (!scan && !pictures) return true;
    const largest = readable.reduce((best, p) => (drawnArea(p.draw) > drawnArea(best.draw) ? p : best));
    const native = Math.sqrt((largest.image.width * largest.image.height) / drawnArea(largest.draw));
    // Never above the scan's own resolution: enlarging a bitmap blocks its edges and Tesseract reads worse.
    const scale = Math.min(Math.max(native, MIN_SCALE), MAX_SCALE, Math.sqrt(MAX_RASTER_PIXELS / pageArea));
    const label = scan ? `第 ${pageNumber} 页的扫描图像` : `第 ${pageNumber} 页中的图片`;
    return recognizeInto(ctx, () => toPgm(composite(viewport.transform, viewport.width, viewport.height, scale, placed)), { where, gapWhere: where, label, failure: 'unsupported' });
  }
  if (!scan || undecodable > 0 || content.pathPoints < OUTLINED_TEXT_POINTS) return true;
  if (!canRender()) {
    ctx.gap(where, 'unsupported', `第 ${pageNumber} 页只有矢量图形（文字可能已转为曲线），无法识别，需人工查看`);
    return true;
  }
  const scale = Math.min(MAX_SCALE, Math.sqrt(MAX_RASTER_PIXELS / pageArea));
  return recognizeInto(
    ctx,
    async () => {
      const raster = await renderPage(page, scale);
      if (!raster) throw new Error('页面无法渲染');
      return toPgm(raster);
    },
    { where, gapWhere: where, label: `第 ${pageNumber} 页的矢量图形`, failure: 'unsupported' },
  );
}

/** Paints every image of the page (small ones too: a stamp is part of the scan) at `scale` pixels per point. */
function composite(view: number[], width: number, height: number, scale: number, placed: Placed[]): Raster {
  const toRaster = multiply([scale, 0, 0, scale, 0, 0], view);
  const placements: Placement[] = placed.map(({ image, draw }) => ({ image, mask: draw.mask, matrix: multiply(toRaster, draw.matrix), crop: draw.crop }));
  return paintImages(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), placements);
}

function drawnArea(draw: ImageDraw): number {
  const [a, b, c, d] = draw.matrix;
  return Math.abs(a * d - b * c);
}

/** The decoded pixels of a drawn image, from the page's object store where pdfjs left them. */
function decoded(page: PdfPage, draw: ImageDraw): DecodedImage | null {
  const lookup = (id: string): unknown => {
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
    return objs.has(id) ? objs.get(id) : null;
  };
  let source: unknown = typeof draw.source === 'string' ? lookup(draw.source) : draw.source;
  if (draw.mask && source && typeof (source as { data?: unknown }).data === 'string') source = lookup((source as { data: string }).data);
  return isDecoded(source) ? source : null;
}

function isDecoded(value: unknown): value is DecodedImage {
  const v = value as Partial<DecodedImage> | null;
  return !!v && Number.isInteger(v.width) && Number.isInteger(v.height) && (v.width ?? 0) > 0 && (v.height ?? 0) > 0 && ArrayBuffer.isView(v.data);
}
