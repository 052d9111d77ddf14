/** What an image's header says, read without decoding the pixels. */
export interface ImageHeader {
  width: number;
  height: number;
  /** Set when Tesseract's image library (Leptonica) cannot decode this variant of the format. */
  unsupported?: string;
}

/** The header of a PNG, JPEG, GIF, BMP, TIFF or WebP file; null when it is missing or makes no sense. */
export function readImageHeader(b: Uint8Array): ImageHeader | null {
  const header = parse(b);
  if (!header || !(header.width > 0 && header.height > 0)) return null;
  return header;
}

function parse(b: Uint8Array): ImageHeader | null {
  const ascii = (from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return ascii(12, 16) === 'IHDR' ? { width: u32be(b, 16), height: u32be(b, 20) } : null;
  if (b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  if (ascii(0, 4) === 'GIF8') return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : null;
  if (ascii(0, 2) === 'BM') return bmp(b);
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return tiff(b, b[0] === 0x49);
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return webp(b, ascii(12, 16));
  return null;
}

function jpeg(b: Uint8Array): ImageHeader | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    // SOF0…SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const header: ImageHeader = { height: u16be(b, at + 5), width: u16be(b, at + 7) };
      // libjpeg-turbo decodes baseline, progressive and arithmetic-coded frames, not lossless or hierarchical ones.
      if (![0xc0, 0xc1, 0xc2, 0xc9, 0xca].includes(marker)) header.unsupported = '无损或分层编码的 JPEG';
      return header;
    }
    at += 2 + u16be(b, at + 2);
  }
  return null;
}

function bmp(b: Uint8Array): ImageHeader | null {
  if (b.length < 34) return null;
  const header: ImageHeader = { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  // BI_RGB only: Leptonica refuses RLE and bit-field BMPs.
  if (u32le(b, 14) >= 40 && u32le(b, 30) !== 0) header.unsupported = '压缩的 BMP';
  return header;
}

function tiff(b: Uint8Array, le: boolean): ImageHeader | null {
  const u16 = (at: number): number => (le ? u16le(b, at) : u16be(b, at));
  const u32 = (at: number): number => (le ? u32le(b, at) : u32be(b, at));
  const ifd = u32(4);
  if (ifd + 2 > b.length) return null;
  let width = 0;
  let height = 0;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > b.length) return null;
    const tag = u16(e);
    const value = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return { width, height };
}

function webp(b: Uint8Array, chunk: string): ImageHeader | null {
  if (b.length < 30) return null;
  if (chunk === 'VP8X') return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  if (chunk === 'VP8L') {
    const bits = u32le(b, 21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return null;
}

const u16be = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
const u32be = (b: Uint8Array, at: number): number => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u32le = (b: Uint8Array, at: number): number => u32be(Uint8Array.of(b[at + 3], b[at + 2], b[at + 1], b[at]), 0);
const i32le = (b: Uint8Array, at: number): number => u32le(b, at) | 0;
