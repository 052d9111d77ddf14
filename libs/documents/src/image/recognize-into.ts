import type { ReadContext, Where } from '../read-context';
import type { GapReason } from '../types';
import { OcrTimeoutError } from './tesseract-engine';

/** Images larger than this are refused before Tesseract decodes them (about 4 bytes a pixel, several copies). */
export const MAX_OCR_PIXELS = 80_000_000;

export interface RecognizeTarget {
  /** Where the recognised lines go (part `ocr`, with the page for a scanned page). */
  where: Where;
  /** Where a gap goes when the image is not recognised. */
  gapWhere: Where;
  /** What the image is, for the reviewer: '图片', '第 3 页的扫描图像'. */
  label: string;
  /** The gap reason when the engine cannot read the image. */
  failure: Extract<GapReason, 'damaged' | 'unsupported'>;
  /** Form feeds separate pages (a multi-page TIFF): number them as pages. */
  pages?: boolean;
}

/**
 * OCRs one image through the context's engine and emits its text, one piece per line (`paragraph` = line number).
 * Whatever stops it (no engine, the OCR limit, the time limit, a failure) is a gap. False once the reader must stop.
 * `image` may be a function making the image, called only once OCR is sure to run.
 */
export async function recognizeInto(ctx: ReadContext, image: Uint8Array | (() => Uint8Array | Promise<Uint8Array>), target: RecognizeTarget): Promise<boolean> {
  const engine = ctx.ocr;
  if (!engine || !(await engine.available())) {
    ctx.gap(target.gapWhere, 'ocr-unavailable', `未安装文字识别（OCR），${target.label}内容未审查`);
    return true;
  }
  if (ctx.timedOut()) {
    ctx.gap(target.gapWhere, 'timed-out', `超过单个文件的审查时限，${target.label}未识别`);
    return true;
  }
  if (!ctx.takeOcrSlot()) {
    ctx.gap(target.gapWhere, 'over-limit', `文字识别超过每个文件 ${ctx.limits.maxOcrImages} 张图片的上限，${target.label}未识别`);
    return true;
  }
  let text: string;
  try {
    const bytes = typeof image === 'function' ? await image() : image;
    text = await engine.recognize(bytes, { timeoutMs: Math.min(ctx.limits.ocrTimeoutMs, ctx.remainingMs()) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof OcrTimeoutError) ctx.gap(target.gapWhere, 'timed-out', `${target.label}文字识别超时（${message}），内容未审查`);
    else ctx.gap(target.gapWhere, target.failure, `${target.label}无法识别（${message}），内容未审查`);
    return true;
  }
  const pages = text.replace(/\f\s*$/, '').split('\f');
  for (const [k, pageText] of pages.entries()) {
    const lines = pageText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
    for (const [n, line] of lines.entries()) {
      const where: Where = { ...target.where, paragraph: n + 1 };
      if (target.pages && pages.length > 1) where.page = k + 1;
      if (!ctx.emit(line, where)) return false;
    }
  }
  return true;
}
