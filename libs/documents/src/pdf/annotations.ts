import type { ReadContext } from '../read-context';
import { readAttachment } from './attachments';

/** The fields of pdfjs's annotation data read here. */
interface AnnotationData {
  subtype?: string;
  contentsObj?: { str?: string };
  titleObj?: { str?: string };
  textContent?: string[];
  fieldName?: string;
  fieldType?: string;
  fieldValue?: unknown;
  file?: { filename?: string; content?: Uint8Array };
}

/**
 * A page's annotations: notes, free text, highlights, stamps… (part `comment`, author from the title), form field
 * values (part `metadata`, field = the field's name) and attached files (embedded). False once reading must stop.
 */
export async function readAnnotations(annotations: readonly unknown[], pageNumber: number, ctx: ReadContext): Promise<boolean> {
  const seen = new Set<string>();
  for (const a of annotations as AnnotationData[]) {
    if (a.subtype === 'Widget') {
      if ((a.fieldType === 'Tx' || a.fieldType === 'Ch') && !emitValue(a.fieldValue, a.fieldName, pageNumber, ctx)) return false;
      continue;
    }
    if (a.subtype === 'FileAttachment' && a.file?.content) {
      await readAttachment(ctx, a.file.filename || `附件（第 ${pageNumber} 页）`, a.file.content, pageNumber);
    }
    const text = a.contentsObj?.str || a.textContent?.join('\n') || '';
    const author = a.titleObj?.str?.trim() ?? '';
    // A popup repeats the contents of the note it belongs to.
    const key = `${author}\u0000${text}`;
    if (!text.trim() || seen.has(key)) continue;
    seen.add(key);
    if (!ctx.emit(text, author ? { part: 'comment', page: pageNumber, author } : { part: 'comment', page: pageNumber })) return false;
  }
  return true;
}

function emitValue(value: unknown, field: string | undefined, pageNumber: number, ctx: ReadContext): boolean {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('\n') : typeof value === 'string' ? value : '';
  return ctx.emit(text, field ? { part: 'metadata', page: pageNumber, field } : { part: 'metadata', page: pageNumber });
}
