import { performance } from 'node:perf_hooks';
import { readDocx } from './docx/docx-reader';
import { readHtmlFile } from './html/html-reader';
import { readImage } from './image/image-reader';
import { readLegacy } from './legacy/legacy-reader';
import { readEmf, readWmf } from './metafile/emf-reader';
import { readOfd } from './ofd/ofd-reader';
import { readPdf } from './pdf/pdf-reader';
import { readPptx } from './pptx/pptx-reader';
import { ExtractionRun, ReadContext, type Reader } from './read-context';
import { sniff } from './sniff';
import { readText } from './text/text-reader';
import { DEFAULT_LIMITS, type Coverage, type DocumentFormat, type ExtractOptions, type ExtractedDocument, type PartSummary } from './types';
import { unsupportedReader } from './unsupported-reader';
import { XmlError } from './xml/parse-xml';
import { readXlsx } from './xlsx/xlsx-reader';
import { ZipDamagedError, ZipEncryptedError, ZipLimitError, ZipUnsupportedError } from './zip/zip-archive';
import { readZip, zipGap } from './zip/zip-reader';

const READERS: Record<DocumentFormat, Reader> = {
  text: readText,
  csv: readText,
  html: readHtmlFile,
  docx: readDocx,
  xlsx: readXlsx,
  pptx: readPptx,
  pdf: readPdf,
  ofd: readOfd,
  png: readImage,
  jpeg: readImage,
  tiff: readImage,
  bmp: readImage,
  gif: readImage,
  webp: readImage,
  emf: readEmf,
  wmf: readWmf,
  zip: readZip,
  ole: unsupportedReader('OLE 复合文档'),
  doc: readLegacy,
  xls: readLegacy,
  ppt: readLegacy,
  wps: readLegacy,
  rtf: unsupportedReader('RTF'),
  'encrypted-ooxml': readLegacy,
  unknown: unsupportedReader('无法识别的二进制文件'),
};

/**
 * Bytes in, pieces of text with locations and a coverage report out. Never throws for a bad file: what could not
 * be read is a gap with its reason.
 */
export async function extractDocument(bytes: Uint8Array, filename: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const t0 = performance.now();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const run = new ExtractionRun(limits, options.ocr ?? null);
  const format = await extractInto(bytes, new ReadContext(run, filename, 0));
  const coverage: Coverage = {
    file: filename,
    format,
    bytes: bytes.length,
    examined: summarise(run.pieces.map((p) => (p.location.part === 'embedded' ? 'embedded' : p.location.part)), run.pieces.map((p) => p.text.length)),
    gaps: run.gaps,
    durationMs: Math.round(performance.now() - t0),
  };
  return { pieces: run.pieces, coverage };
}

/** Reads `bytes` in `ctx` by what they are; used for the top file and for every embedded one. */
export async function extractInto(bytes: Uint8Array, ctx: ReadContext): Promise<DocumentFormat> {
  const format = sniff(bytes);
  if (ctx.depth > ctx.limits.maxDepth) {
    ctx.gap({ part: 'unreadable' }, 'over-limit', `嵌套层数超过 ${ctx.limits.maxDepth} 层的上限，未审查`);
    return format;
  }
  try {
    await READERS[format](bytes, ctx);
  } catch (error) {
    if (error instanceof ZipDamagedError || error instanceof ZipLimitError || error instanceof ZipEncryptedError || error instanceof ZipUnsupportedError) {
      ctx.gap({ part: 'unreadable' }, ...zipGap(error));
    } else if (error instanceof XmlError) {
      ctx.gap({ part: 'unreadable' }, 'damaged', `文件内容损坏（XML 无法解析：${error.message}）`);
    } else if (error instanceof RangeError && /memory|allocation/i.test(error.message)) {
      ctx.gap({ part: 'unreadable' }, 'over-limit', `文件过大，超出内存上限（${error.message}）`);
    } else {
      ctx.gap({ part: 'unreadable' }, 'damaged', `文件无法读取（${(error as Error).message ?? String(error)}）`);
    }
  }
  return format;
}

function summarise(parts: string[], sizes: number[]): PartSummary[] {
  const by = new Map<string, PartSummary>();
  parts.forEach((part, k) => {
    let s = by.get(part);
    if (!s) by.set(part, (s = { part: part as PartSummary['part'], pieces: 0, chars: 0 }));
    s.pieces++;
    s.chars += sizes[k];
  });
  return [...by.values()];
}
