import * as CFB from 'cfb';
import type { DocumentFormat } from './types';
import { ZipArchive, InflateBudget } from './zip/zip-archive';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((x, k) => b[at + k] === x);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** What the bytes are, whatever the file is called. Containers (zip, OLE) are looked into. */
export function sniff(bytes: Uint8Array): DocumentFormat {
  if (bytes.length === 0) return 'text';
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 44 && readUint32(bytes, 0) === 1 && ascii(bytes, 40, 44) === ' EMF') return 'emf';
  if (startsWith(bytes, [0xd7, 0xcd, 0xc6, 0x9a]) || startsWith(bytes, [0x01, 0x00, 0x09, 0x00, 0x00, 0x03]) || startsWith(bytes, [0x02, 0x00, 0x09, 0x00, 0x00, 0x03])) return 'wmf';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 26 && readUint32(bytes, 2) === bytes.length) return 'bmp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(bytes);
  if (ascii(bytes, 0, 5) === '{\\rtf') return 'rtf';
  return sniffText(bytes);
}

function readUint32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function sniffZip(bytes: Uint8Array): DocumentFormat {
  let names: string[];
  try {
    names = new ZipArchive(bytes, new InflateBudget(0, 1)).names();
  } catch {
    return 'zip';
  }
  const has = (n: string): boolean => names.includes(n);
  const under = (p: string): boolean => names.some((n) => n.startsWith(p));
  if (has('OFD.xml')) return 'ofd';
  if (has('[Content_Types].xml') || under('_rels/')) {
    if (under('word/')) return 'docx';
    if (under('xl/')) return 'xlsx';
    if (under('ppt/')) return 'pptx';
  }
  return 'zip';
}

function sniffOle(bytes: Uint8Array): DocumentFormat {
  let names: string[];
  try {
    const cfb = CFB.read(bytes, { type: 'buffer' });
    names = cfb.FileIndex.map((e) => e.name);
  } catch {
    return 'ole';
  }
  const has = (n: string): boolean => names.includes(n);
  if (has('EncryptionInfo') && has('EncryptedPackage')) return 'encrypted-ooxml';
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('PowerPoint Document')) return 'ppt';
  return 'ole';
}

/** Text if it decodes (UTF-8, UTF-16 with a BOM, else GB18030) without control bytes; HTML if it looks like markup. */
function sniffText(bytes: Uint8Array): DocumentFormat {
  const head = decodeText(bytes.subarray(0, 64 * 1024), true);
  if (head === null) return 'unknown';
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/.test(start) || (/^<!--|^<meta\s|^<\?xml/.test(start) && /<html[\s>]/.test(head.toLowerCase()))) {
    return 'html';
  }
  return 'text';
}

/**
 * Decodes bytes as text, or null when they are not text. `partial` allows a multi-byte sequence cut at the end.
 * GB18030 (a superset of GBK) is what Chinese Windows writes for "ANSI" text and CSV.
 */
export function decodeText(bytes: Uint8Array, partial = false): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes, { stream: partial });
    } catch {
      return null;
    }
  }
  // Control characters other than tab, newline, carriage return and form feed: binary, not text.
  let control = 0;
  for (let k = 0; k < Math.min(text.length, 65536); k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (control > 0 && control * 100 > Math.min(text.length, 65536)) return null;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
