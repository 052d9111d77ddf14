import { extractHtmlVisibleText } from '@clearance/documents/html/html-text';
import type { ExtractedText } from './extracted-text';

/** The visible text of an HTML body; the tokenizer lives in @clearance/documents (the file reader uses it too). */
export function extractHtml(source: string): ExtractedText {
  return extractHtmlVisibleText(source);
}
