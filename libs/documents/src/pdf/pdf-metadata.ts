import type { ReadContext } from '../read-context';
import type { PdfDocument } from './pdfjs-loader';

const INFO_FIELDS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;
/** XMP properties that hold dates, identifiers and formats rather than words. */
const TECHNICAL_XMP = /(date|id|format)$/i;

/**
 * The document information dictionary (its standard and custom entries) and the XMP packet, as part `metadata`
 * with the field name. An XMP value that repeats an Info entry is not emitted twice. False once reading must stop.
 */
export async function readMetadata(doc: PdfDocument, ctx: ReadContext): Promise<boolean> {
  const { info, metadata } = await doc.getMetadata();
  const fields = (info ?? {}) as Record<string, unknown>;
  const seen = new Set<string>();
  const emit = (field: string, value: unknown): boolean => {
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('\n') : typeof value === 'string' ? value : '';
    if (!text.trim() || seen.has(text.trim())) return true;
    seen.add(text.trim());
    return ctx.emit(text, { part: 'metadata', field });
  };
  for (const field of INFO_FIELDS) if (!emit(field, fields[field])) return false;
  const custom = fields.Custom;
  if (custom && typeof custom === 'object') for (const [field, value] of Object.entries(custom)) if (!emit(field, value)) return false;
  // pdfjs's Metadata iterates as [property, value] pairs; its .d.ts types it only as `any`.
  for (const [field, value] of (metadata ?? []) as Iterable<[string, unknown]>) {
    if (!TECHNICAL_XMP.test(field) && !emit(field, value)) return false;
  }
  return true;
}
