import { extractInto } from '../extract-document';
import type { ReadContext } from '../read-context';
import type { PdfDocument } from './pdfjs-loader';

/** The document's embedded files (the EmbeddedFiles name tree), each read as a file of its own. */
export async function readDocumentAttachments(doc: PdfDocument, ctx: ReadContext): Promise<void> {
  const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>;
  for (const [key, a] of Object.entries(attachments)) {
    if (ctx.timedOut()) {
      ctx.gap({ part: 'embedded', field: a.filename || key }, 'timed-out', '超过单个文件的审查时限，附件未审查');
      return;
    }
    if (a.content) await readAttachment(ctx, a.filename || key, a.content);
  }
}

/** One attached file, read through whatever reader its bytes call for. */
export async function readAttachment(ctx: ReadContext, name: string, content: Uint8Array, page?: number): Promise<void> {
  await extractInto(content, ctx.child(name, page ? { part: 'embedded', page, field: name } : { part: 'embedded', field: name }));
}
