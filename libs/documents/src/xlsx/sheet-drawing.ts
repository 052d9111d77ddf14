import { ParagraphCollector, withoutFallback } from '../ooxml/drawing-paragraphs';
import { parseXml } from '../xml/parse-xml';

const CHART_NS = new Set(['http://schemas.openxmlformats.org/drawingml/2006/chart', 'http://purl.oclc.org/ooxml/drawingml/chart']);

/**
 * The paragraphs of a sheet's drawing (`xl/drawings/drawing1.xml`: text boxes, shapes) in order; returns the
 * relationship ids of the charts the drawing places.
 */
export function readSheetDrawing(xml: string, onParagraph: (text: string) => void): string[] {
  const charts: string[] = [];
  const paragraphs = new ParagraphCollector(onParagraph);
  parseXml(
    xml,
    withoutFallback({
      open(el) {
        if (el.local === 'chart' && CHART_NS.has(el.uri) && el.attrs.id) charts.push(el.attrs.id);
        else paragraphs.open(el);
      },
      close(el) {
        paragraphs.close(el);
      },
      text(t) {
        paragraphs.onText(t);
      },
    }),
  );
  return charts;
}
