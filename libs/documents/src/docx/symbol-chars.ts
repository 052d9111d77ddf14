/**
 * The character a `w:sym` stands for. Symbol fonts put their glyphs at U+F0xx (private use): the few a marking or a
 * number can be written with are mapped to Unicode, the rest kept as written.
 */
export function symbolChar(font: string | undefined, hex: string | undefined): string {
  const code = hex ? parseInt(hex, 16) : NaN;
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return '';
  if (code < 0xf000 || code > 0xf0ff) return String.fromCodePoint(code);
  const low = code & 0xff;
  const face = (font ?? '').toLowerCase();
  if (face.startsWith('wingdings') && WINGDINGS[low]) return WINGDINGS[low];
  if (face === 'symbol' && low >= 0x30 && low <= 0x39) return String.fromCharCode(low);
  if (face === 'symbol' && low === 0x2a) return '*';
  return String.fromCharCode(code);
}

const WINGDINGS: Record<number, string> = { 0xab: '★', 0x6c: '●', 0x6e: '■' };
