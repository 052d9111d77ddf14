import { parseXml, type XmlElement } from '../xml/parse-xml';
import { ParagraphCollector, isDrawingMl, withoutFallback } from '../ooxml/drawing-paragraphs';

const PRESENTATIONML = new Set(['http://schemas.openxmlformats.org/presentationml/2006/main', 'http://purl.oclc.org/ooxml/presentationml/main']);
const CHART = new Set(['http://schemas.openxmlformats.org/drawingml/2006/chart', 'http://purl.oclc.org/ooxml/drawingml/chart']);
const DIAGRAM = new Set(['http://schemas.openxmlformats.org/drawingml/2006/diagram', 'http://purl.oclc.org/ooxml/drawingml/diagram']);
/** Elements that can carry a placeholder (`p:nvPr/p:ph`). */
const SHAPES = new Set(['sp', 'graphicFrame', 'pic', 'cxnSp']);

/** Which placeholders to leave out: `type` is the `p:ph` type ('obj' when absent, as the schema defaults). */
export type PlaceholderFilter = (type: string) => boolean;

/** What a slide places that lives in parts of its own: charts and SmartArt data, by relationship id. */
export interface SlideReferences {
  charts: string[];
  diagrams: string[];
}

/**
 * The paragraphs of a slide, notes page, layout or master in document order, shapes, groups and tables alike, with
 * `\t` before the first paragraph of a table cell that follows another in its row. Paragraphs of placeholders that
 * `skip` names are left out.
 */
export function readSlideParagraphs(xml: string, skip: PlaceholderFilter, onParagraph: (text: string, separator?: string) => void): SlideReferences {
  const refs: SlideReferences = { charts: [], diagrams: [] };
  const shapes: { placeholder?: string }[] = [];
  let cellsInRow = 0;
  let cellStart = false;
  const paragraphs = new ParagraphCollector((text) => {
    if (shapes.some((s) => s.placeholder !== undefined && skip(s.placeholder))) return;
    if (!/\S/.test(text)) return;
    onParagraph(text, cellStart && cellsInRow > 1 ? '\t' : undefined);
    cellStart = false;
  });
  const isShape = (el: XmlElement): boolean => SHAPES.has(el.local) && PRESENTATIONML.has(el.uri);
  parseXml(
    xml,
    withoutFallback({
      open(el) {
        if (isShape(el)) shapes.push({});
        else if (el.local === 'ph' && PRESENTATIONML.has(el.uri) && shapes.length > 0) shapes[shapes.length - 1].placeholder = el.attrs.type ?? 'obj';
        else if (el.local === 'chart' && CHART.has(el.uri) && el.attrs.id) refs.charts.push(el.attrs.id);
        else if (el.local === 'relIds' && DIAGRAM.has(el.uri) && el.attrs.dm) refs.diagrams.push(el.attrs.dm);
        else if (isDrawingMl(el) && el.local === 'tr') cellsInRow = 0;
        else if (isDrawingMl(el) && el.local === 'tc') {
          cellsInRow++;
          cellStart = true;
        } else paragraphs.open(el);
      },
      close(el) {
        if (isShape(el)) shapes.pop();
        else paragraphs.close(el);
      },
      text(t) {
        paragraphs.onText(t);
      },
    }),
  );
  return refs;
}
