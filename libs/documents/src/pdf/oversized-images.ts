const IMAGE = Buffer.from('/Image');
const WINDOW = 4096;

/**
 * Image XObjects whose Width × Height is above `maxPixels`, found in the file's bytes. pdfjs drops such images
 * without a trace (maxImageSize), which would leave a scanned page looking blank; their dictionaries are never
 * compressed (an image is a stream, and streams cannot sit in object streams), so a byte search finds them all.
 */
export function countOversizedImages(bytes: Uint8Array, maxPixels: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buf.indexOf(IMAGE); at >= 0; at = buf.indexOf(IMAGE, at + IMAGE.length)) {
    const before = buf.subarray(Math.max(0, at - WINDOW), at).toString('latin1');
    if (!/\/Subtype\s*$/.test(before)) continue;
    const start = before.lastIndexOf('obj');
    const after = buf.subarray(at, at + WINDOW).toString('latin1');
    const end = after.indexOf('stream');
    const dict = before.slice(start < 0 ? 0 : start) + (end < 0 ? after : after.slice(0, end));
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (width * height > maxPixels) count++;
  }
  return count;
}
