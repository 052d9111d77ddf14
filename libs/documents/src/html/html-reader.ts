import type { Reader } from '../read-context';
import { decodeText } from '../sniff';
import { extractHtmlText } from './html-text';

/**
 * An HTML file: the visible text one piece per line (part `body`, 1-based `paragraph`), then each hidden place
 * (comments, attribute values, scripts, hidden elements) as a piece of its part, in source order.
 */
export const readHtmlFile: Reader = async (bytes, ctx) => {
  const source = decodeText(bytes);
  if (source === null) {
    ctx.gap({ part: 'unreadable' }, 'damaged', 'HTML 文件编码无法识别（既不是 UTF-8 也不是 GB18030）');
    return;
  }
  const html = extractHtmlText(source);
  const lines = html.visible.text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    if (!ctx.emit(lines[k], { part: 'body', paragraph: k + 1 })) return;
  }
  for (const s of html.segments) {
    if (!ctx.emit(s.text, s.field === undefined ? { part: s.part } : { part: s.part, field: s.field })) return;
  }
};
