import type { XmlElement, XmlHandlers } from '../xml/parse-xml';

const DRAWINGML = new Set(['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main']);
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

export const isDrawingMl = (el: XmlElement): boolean => DRAWINGML.has(el.uri);

/**
 * Collects DrawingML paragraphs (`a:p`) as they close: the `a:t` of runs and fields joined, so a marking split across
 * runs stays whole, and `a:br` as a line break. Used for slides, notes, SmartArt, charts and sheet text boxes.
 */
export class ParagraphCollector {
  private depth = 0;
  private inText = false;
  private parts: string[] = [];

  constructor(private readonly onParagraph: (text: string) => void) {}

  open(el: XmlElement): void {
    if (!isDrawingMl(el)) return;
    if (el.local === 'p') {
      if (this.depth++ === 0) this.parts = [];
    } else if (this.depth > 0 && el.local === 't') this.inText = true;
    else if (this.depth > 0 && el.local === 'br') this.parts.push('\n');
  }

  close(el: XmlElement): void {
    if (!isDrawingMl(el)) return;
    if (el.local === 't') this.inText = false;
    else if (el.local === 'p' && this.depth > 0 && --this.depth === 0) this.onParagraph(this.parts.join(''));
  }

  onText(text: string): void {
    if (this.inText) this.parts.push(text);
  }
}

/** Handlers that see nothing inside `mc:Fallback`: the `mc:Choice` beside it holds the same content. */
export function withoutFallback(handlers: XmlHandlers): XmlHandlers {
  let skipped = 0;
  return {
    open(el) {
      if (skipped > 0 || (el.local === 'Fallback' && el.uri === MARKUP_COMPATIBILITY)) skipped++;
      else handlers.open?.(el);
    },
    close(el) {
      if (skipped > 0) skipped--;
      else handlers.close?.(el);
    },
    text(t) {
      if (skipped === 0) handlers.text?.(t);
    },
  };
}
