import type { ReadContext, Reader } from '../read-context';
import { MAX_OCR_PIXELS } from '../image/recognize-into';
import { readDocumentAttachments } from './attachments';
import { DeadlineError } from './deadline';
import { countOversizedImages } from './oversized-images';
import { readMetadata } from './pdf-metadata';
import { readPage } from './pdf-page';
import { loadPdfjs, openPdf, type PdfDocument, type PdfjsModule } from './pdfjs-loader';
import { endsWithEof, withRecoveryTrailer } from './truncated-pdf';

/**
 * A PDF: metadata, then page by page (to maxPages) the text layer, annotations and form fields, and OCR of
 * scanned pages and pictures; then attached files. Encrypted and damaged files are gaps, not exceptions.
 */
export const readPdf: Reader = async (bytes, ctx) => {
  const pdfjs = await loadPdfjs();
  const truncated = !endsWithEof(bytes);
  let doc: PdfDocument;
  try {
    doc = await openPdf(bytes, { maxImagePixels: MAX_OCR_PIXELS });
  } catch (error) {
    const repaired = truncated && errorName(error) === 'InvalidPDFException' ? withRecoveryTrailer(bytes) : null;
    const reopened = repaired ? await openPdf(repaired, { maxImagePixels: MAX_OCR_PIXELS }).catch(() => null) : null;
    if (!reopened) {
      openFailure(error, ctx);
      return;
    }
    doc = reopened;
  }
  try {
    if (truncated) ctx.gap({ part: 'unreadable' }, 'damaged', 'PDF 文件不完整（缺少文件结束标记，可能被截断），能读出的部分已审查，其余未审查');
    const oversized = countOversizedImages(bytes, MAX_OCR_PIXELS);
    if (oversized > 0) ctx.gap({ part: 'ocr' }, 'over-limit', `文件中有 ${oversized} 张图片超过 ${MAX_OCR_PIXELS / 1_000_000} 百万像素的识别上限，未识别`);
    if (!(await readMetadata(doc, ctx))) return;
    const pages = Math.min(doc.numPages, ctx.limits.maxPages);
    for (let n = 1; n <= pages; n++) {
      if (ctx.timedOut()) {
        ctx.gap({ part: 'body', page: n }, 'timed-out', `超过单个文件的审查时限，第 ${n} 页起的内容（含附件）未审查`);
        return;
      }
      if (!(await readPageSafely(doc, n, ctx, pdfjs))) return;
    }
    if (doc.numPages > pages) {
      ctx.gap({ part: 'body', page: pages + 1 }, 'over-limit', `共 ${doc.numPages} 页，超过 ${pages} 页的上限，第 ${pages + 1} 页起未审查`);
    }
    await readDocumentAttachments(doc, ctx);
  } finally {
    await doc.destroy();
  }
};

/** A page that cannot be read is a gap for that page; the others are still read. */
async function readPageSafely(doc: PdfDocument, n: number, ctx: ReadContext, pdfjs: PdfjsModule): Promise<boolean> {
  let page;
  try {
    page = await doc.getPage(n);
    return await readPage(pdfjs, page, n, ctx);
  } catch (error) {
    if (error instanceof DeadlineError) {
      ctx.gap({ part: 'body', page: n }, 'timed-out', `超过单个文件的审查时限，第 ${n} 页起的内容（含附件）未审查`);
      return false;
    }
    ctx.gap({ part: 'body', page: n }, 'damaged', `第 ${n} 页无法读取（${message(error)}）`);
    return true;
  } finally {
    page?.cleanup();
  }
}

function openFailure(error: unknown, ctx: ReadContext): void {
  if (errorName(error) === 'PasswordException') {
    ctx.gap({ part: 'unreadable' }, 'encrypted', 'PDF 文件设有打开密码，无法审查，需提供未加密的文件');
  } else if (/security handler|encrypt/i.test(message(error))) {
    ctx.gap({ part: 'unreadable' }, 'encrypted', `PDF 文件使用了不支持的加密方式，无法审查（${message(error)}）`);
  } else {
    ctx.gap({ part: 'unreadable' }, 'damaged', `PDF 文件已损坏，无法打开（${message(error)}）`);
  }
}

// pdfjs's errors are plain objects of its own classes (not all exported), and not always from this realm.
function errorName(error: unknown): string | undefined {
  return (error as { name?: unknown } | null)?.name?.toString();
}

function message(error: unknown): string {
  const text = (error as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(error);
}
