import type { Reader } from '../read-context';
import { decodeText } from '../sniff';

/** Plain text, CSV, Markdown: UTF-8, UTF-16 with a BOM or GB18030, one piece per line (1-based `paragraph`). */
export const readText: Reader = async (bytes, ctx) => {
  const text = decodeText(bytes);
  if (text === null) {
    ctx.gap({ part: 'unreadable' }, 'damaged', '文本编码无法识别（既不是 UTF-8 也不是 GB18030）');
    return;
  }
  const lines = text.split(/\r\n|\r|\n/);
  for (let k = 0; k < lines.length; k++) {
    if (!ctx.emit(lines[k], { part: 'body', paragraph: k + 1 })) return;
  }
};
