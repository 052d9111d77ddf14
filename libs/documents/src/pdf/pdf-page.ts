import type { ReadContext } from '../read-context';
import { readAnnotations } from './annotations';
import { withDeadline } from './deadline';
import { pageContent } from './page-content';
import type { PdfjsModule, PdfPage } from './pdfjs-loader';
import { readScannedContent } from './scanned-page';
import { textLines, type PositionedText } from './text-lines';

/**
 * One page: its text layer as part `body` (one piece per line, `paragraph` = line number on the page), its
 * annotations, then whatever it shows as pictures, by OCR. False once reading must stop.
 */
export async function readPage(pdfjs: PdfjsModule, page: PdfPage, pageNumber: number, ctx: ReadContext): Promise<boolean> {
  const [text, annotations, operators] = await withDeadline(
    Promise.all([
      page.getTextContent(),
      page.getAnnotations({ intent: 'any' }),
      // Annotation appearances included: a stamp added in a viewer may be an image.
      page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE }),
    ]),
    ctx.remainingMs(),
  );
  const lines = textLines(text.items.filter((item): item is PositionedText & (typeof text.items)[number] => 'str' in item));
  for (const [k, line] of lines.entries()) {
    if (!ctx.emit(line, { part: 'body', page: pageNumber, paragraph: k + 1 })) return false;
  }
  if (!(await readAnnotations(annotations, pageNumber, ctx))) return false;
  const textChars = lines.reduce((sum, line) => sum + line.replace(/\s/g, '').length, 0);
  return readScannedContent(page, pageNumber, pageContent(operators, pdfjs.OPS), textChars, ctx);
}
