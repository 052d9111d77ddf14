import type { ReadContext, Where } from '../read-context';
import { XmlError, parseXml } from '../xml/parse-xml';
import type { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';

/**
 * The text of a chart (`c:chartSpace`: titles, labels, the category and series names it caches) or of a SmartArt
 * data part (`dgm:dataModel`): one piece per DrawingML paragraph and per cached string, at `where` with its paragraph
 * number. A zip or XML error becomes a gap.
 */
export function readDrawingText(zip: ZipArchive, ctx: ReadContext, path: string, where: Where): void {
  let xml: string;
  try {
    xml = zip.readText(path);
  } catch (error) {
    ctx.gap({ ...where, field: path }, ...zipGap(error));
    return;
  }
  const stack: string[] = [];
  let paragraph = '';
  let cached = '';
  let n = 0;
  let open = true;
  const emit = (text: string): void => {
    if (open && /\S/.test(text)) open = ctx.emit(text, { ...where, paragraph: ++n });
  };
  try {
    parseXml(xml, {
      open(el) {
        stack.push(el.local);
        if (el.local === 'p') paragraph = '';
        if (el.local === 'v') cached = '';
      },
      text(t) {
        const top = stack[stack.length - 1];
        if (top === 't') paragraph += t;
        else if (top === 'v' && stack.includes('strCache')) cached += t;
      },
      close(el) {
        stack.pop();
        if (el.local === 'p') emit(paragraph);
        else if (el.local === 'v') emit(cached);
      },
    });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap({ ...where, field: path }, 'damaged', `图表或 SmartArt（${path}）XML 损坏，未能完整审查：${error.message}`);
  }
}
