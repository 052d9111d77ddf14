/**
 * Document properties of an OLE file ([MS-OLEPS]): the `\x05SummaryInformation` and `\x05DocumentSummaryInformation`
 * streams, and the custom properties in the latter's second section. Names follow the OOXML fields (`dc:title`…).
 */
export interface OleProperty {
  field: string;
  text: string;
}

const SUMMARY: Record<number, string> = { 2: 'dc:title', 3: 'dc:subject', 4: 'dc:creator', 5: 'cp:keywords', 6: 'dc:description', 8: 'cp:lastModifiedBy' };
const DOC_SUMMARY: Record<number, string> = { 2: 'cp:category', 14: 'Manager', 15: 'Company' };
const USER_DEFINED = 'd5cdd505-2e9c-101b-9397-08002b2cf9ae';

const VT_I2 = 0x02;
const VT_LPSTR = 0x1e;
const VT_LPWSTR = 0x1f;
const CP_UTF16 = 1200;

/** The text properties of a SummaryInformation stream. */
export function summaryProperties(stream: Uint8Array): OleProperty[] {
  const sections = readSections(stream);
  return sections.length > 0 ? named(sections[0], SUMMARY) : [];
}

/** Company, manager and category, then every custom property by its name. */
export function documentSummaryProperties(stream: Uint8Array): OleProperty[] {
  const sections = readSections(stream);
  const out = sections.length > 0 ? named(sections[0], DOC_SUMMARY) : [];
  for (const section of sections.slice(1)) {
    if (section.fmtid !== USER_DEFINED) continue;
    const names = section.dictionary ?? new Map<number, string>();
    for (const [id, text] of section.texts) if (id > 1) out.push({ field: names.get(id) ?? `自定义属性 ${id}`, text });
  }
  return out;
}

interface Section {
  fmtid: string;
  texts: Map<number, string>;
  dictionary?: Map<number, string>;
}

function named(section: Section, fields: Record<number, string>): OleProperty[] {
  const out: OleProperty[] = [];
  for (const [id, text] of section.texts) if (fields[id]) out.push({ field: fields[id], text });
  return out;
}

/** Every section's string properties; a damaged part is skipped, never thrown over (properties are a bonus). */
function readSections(b: Uint8Array): Section[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ok = (at: number, n: number): boolean => at >= 0 && at + n <= b.length;
  if (!ok(0, 28) || v.getUint16(0, true) !== 0xfffe) return [];
  const count = v.getUint32(24, true);
  const sections: Section[] = [];
  for (let k = 0; k < Math.min(count, 4); k++) {
    const entry = 28 + k * 20;
    if (!ok(entry, 20)) break;
    const fmtid = guid(b.subarray(entry, entry + 16));
    const start = v.getUint32(entry + 16, true);
    if (!ok(start, 8)) continue;
    const size = v.getUint32(start, true);
    const n = v.getUint32(start + 4, true);
    if (!ok(start, size) || !ok(start + 8, n * 8)) continue;
    const offsets = new Map<number, number>();
    for (let j = 0; j < n; j++) offsets.set(v.getUint32(start + 8 + j * 8, true), start + v.getUint32(start + 12 + j * 8, true));
    const cpAt = offsets.get(1);
    const codepage = cpAt !== undefined && ok(cpAt, 6) && v.getUint16(cpAt, true) === VT_I2 ? v.getUint16(cpAt + 4, true) : 1252;
    const section: Section = { fmtid, texts: new Map() };
    for (const [id, at] of offsets) {
      if (id === 0) section.dictionary = readDictionary(b, at, codepage);
      else if (id > 1) {
        const text = readString(b, at, codepage);
        if (text !== undefined && /\S/.test(text)) section.texts.set(id, text);
      }
    }
    sections.push(section);
  }
  return sections;
}

function readString(b: Uint8Array, at: number, codepage: number): string | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (at + 8 > b.length) return undefined;
  const type = v.getUint16(at, true);
  const n = v.getUint32(at + 4, true);
  if (type === VT_LPWSTR) return at + 8 + n * 2 <= b.length ? decode(b.subarray(at + 8, at + 8 + n * 2), CP_UTF16) : undefined;
  if (type === VT_LPSTR) return at + 8 + n <= b.length ? decode(b.subarray(at + 8, at + 8 + n), codepage) : undefined;
  return undefined;
}

function readDictionary(b: Uint8Array, at: number, codepage: number): Map<number, string> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const names = new Map<number, string>();
  if (at + 4 > b.length) return names;
  const n = v.getUint32(at, true);
  let p = at + 4;
  for (let k = 0; k < n && p + 8 <= b.length; k++) {
    const id = v.getUint32(p, true);
    const length = v.getUint32(p + 4, true);
    const bytes = codepage === CP_UTF16 ? length * 2 : length;
    if (p + 8 + bytes > b.length) break;
    names.set(id, decode(b.subarray(p + 8, p + 8 + bytes), codepage));
    // UTF-16 names are padded to a multiple of 4 bytes.
    p += 8 + (codepage === CP_UTF16 ? (bytes + 3) & ~3 : bytes);
  }
  return names;
}

function decode(bytes: Uint8Array, codepage: number): string {
  const label = codepage === CP_UTF16 ? 'utf-16le' : codepage === 65001 ? 'utf-8' : codepage === 936 || codepage === 54936 ? 'gb18030' : codepage === 950 ? 'big5' : 'windows-1252';
  return new TextDecoder(label).decode(bytes).replace(/\0+$/, '').replace(/\0/g, '');
}

function guid(b: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = [...b.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}
