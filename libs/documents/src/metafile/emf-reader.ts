import type { Reader } from '../read-context';

const EMR_EOF = 14;
const EMR_EXTTEXTOUTA = 83;
const EMR_EXTTEXTOUTW = 84;
const EMR_SMALLTEXTOUT = 108;
/** Records that paint a bitmap: their pixels may hold text this reader cannot see. */
const BITMAP_RECORDS = new Set([76, 77, 79, 80, 81, 114, 116]);

/**
 * An Enhanced Metafile (what Windows Office pastes drawings and some scans as): the text of its text-output
 * records, in record order, as part `body` (one piece per record). Bitmaps inside it are a gap: never read, never clean.
 */
export const readEmf: Reader = async (bytes, ctx) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let bitmaps = 0;
  let records = 0;
  while (at + 8 <= bytes.length) {
    const type = view.getUint32(at, true);
    const size = view.getUint32(at + 4, true);
    if (size < 8 || size % 4 !== 0 || at + size > bytes.length) {
      ctx.gap({ part: 'unreadable' }, 'damaged', `EMF 图元文件在第 ${records + 1} 条记录处损坏，其后内容未审查`);
      return;
    }
    if (type === EMR_EXTTEXTOUTW || type === EMR_EXTTEXTOUTA) {
      // EMRTEXT follows the bounds, graphics mode and scales: chars at +44, string offset (from the record) at +48.
      const chars = size >= 52 ? view.getUint32(at + 44, true) : 0;
      const offset = size >= 52 ? view.getUint32(at + 48, true) : 0;
      const width = type === EMR_EXTTEXTOUTW ? 2 : 1;
      if (chars > 0 && offset + chars * width <= size) {
        const raw = bytes.subarray(at + offset, at + offset + chars * width);
        const text = new TextDecoder(width === 2 ? 'utf-16le' : 'gb18030').decode(raw);
        if (!ctx.emit(text, { part: 'body', paragraph: records + 1 }, '')) return;
      }
    } else if (type === EMR_SMALLTEXTOUT) {
      // Rare and without a fixed layout for its string: count it as unread like a bitmap.
      bitmaps++;
    } else if (BITMAP_RECORDS.has(type)) {
      bitmaps++;
    } else if (type === EMR_EOF) {
      break;
    }
    records++;
    at += size;
  }
  if (bitmaps > 0) {
    ctx.gap({ part: 'unreadable' }, 'unsupported', `EMF 图元文件中含 ${bitmaps} 幅位图，其中的文字未能识别，需人工查看`);
  }
};

/** A Windows Metafile: no text reader; always a gap. */
export const readWmf: Reader = async (_bytes, ctx) => {
  ctx.gap({ part: 'unreadable' }, 'unsupported', 'WMF 图元文件暂不能自动审查，需人工查看');
};
