import type { FcLcb } from './word-fib';

/** The piece table is missing or points outside the streams. */
export class PieceTableError extends Error {}

const cp1252 = new TextDecoder('windows-1252');
const utf16 = new TextDecoder('utf-16le');

/**
 * The document's text in character positions, from the piece table in the CLX ([MS-DOC] 2.9.38): each piece is either
 * 8-bit (compressed, cp1252 at fc/2) or UTF-16LE at fc in the WordDocument stream.
 */
export function readPieceText(word: Uint8Array, table: Uint8Array, clx: FcLcb): string {
  if (clx.lcb === 0 || clx.fc + clx.lcb > table.length) throw new PieceTableError('CLX outside the table stream');
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const end = clx.fc + clx.lcb;
  let at = clx.fc;
  // Prc entries (property modifiers) come first; the Pcdt follows.
  while (at < end && table[at] === 0x01) {
    if (at + 3 > end) throw new PieceTableError('CLX cut short');
    at += 3 + v.getInt16(at + 1, true);
  }
  if (at + 5 > end || table[at] !== 0x02) throw new PieceTableError('no piece table in the CLX');
  const lcb = v.getUint32(at + 1, true);
  const plc = at + 5;
  if (plc + lcb > table.length || lcb < 16 || (lcb - 4) % 12 !== 0) throw new PieceTableError('piece table damaged');
  const n = (lcb - 4) / 12;
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    const cpStart = v.getUint32(plc + k * 4, true);
    const cpEnd = v.getUint32(plc + (k + 1) * 4, true);
    if (cpEnd < cpStart) throw new PieceTableError('piece table out of order');
    const fcRaw = v.getUint32(plc + (n + 1) * 4 + k * 8 + 2, true);
    const length = cpEnd - cpStart;
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fc = fcRaw & 0x3fffffff;
    const from = compressed ? fc >>> 1 : fc;
    const to = from + (compressed ? length : length * 2);
    if (to > word.length) throw new PieceTableError('a piece lies past the end of the WordDocument stream');
    parts.push((compressed ? cp1252 : utf16).decode(word.subarray(from, to)));
  }
  return parts.join('');
}
