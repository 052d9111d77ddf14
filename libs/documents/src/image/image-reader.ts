import type { Reader } from '../read-context';
import { readImageHeader } from './image-header';
import { MAX_OCR_PIXELS, recognizeInto } from './recognize-into';

/** An image file (PNG, JPEG, TIFF, BMP, GIF, WebP): its text by OCR, one piece per line. */
export const readImage: Reader = async (bytes, ctx) => {
  const header = readImageHeader(bytes);
  if (!header) {
    ctx.gap({ part: 'unreadable' }, 'damaged', '图片文件已损坏（文件头无法解析），内容未审查');
    return;
  }
  if (header.unsupported) {
    ctx.gap({ part: 'unreadable' }, 'unsupported', `不支持识别的图片格式（${header.unsupported}），需人工查看原件`);
    return;
  }
  const pixels = header.width * header.height;
  if (pixels > MAX_OCR_PIXELS) {
    ctx.gap({ part: 'unreadable' }, 'over-limit', `图片尺寸 ${header.width}×${header.height}，超过 ${MAX_OCR_PIXELS / 1_000_000} 百万像素的识别上限，内容未审查`);
    return;
  }
  await recognizeInto(ctx, bytes, { where: { part: 'ocr' }, gapWhere: { part: 'unreadable' }, label: '图片', failure: 'damaged', pages: true });
};
