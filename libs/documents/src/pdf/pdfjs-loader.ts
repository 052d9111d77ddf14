import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Pdfjs from 'pdfjs-dist';

export type PdfjsModule = typeof Pdfjs;
export type PdfDocument = Pdfjs.PDFDocumentProxy;
export type PdfPage = Pdfjs.PDFPageProxy;

let loaded: Promise<PdfjsModule> | null = null;

/**
 * Node's own require, which loads ES modules too (require(esm), Node ≥ 20.19, which pdfjs 5 needs anyway). Reached
 * through process.getBuiltinModule because Jest swaps `module.createRequire` and `import()` for its own.
 */
export function nodeRequire(id: string): unknown {
  return process.getBuiltinModule('node:module').createRequire(__filename)(id);
}

/** pdfjs-dist's legacy (Node) build, loaded once. */
export function loadPdfjs(): Promise<PdfjsModule> {
  loaded ??= Promise.resolve().then(() => {
    const pdfjs = nodeRequire('pdfjs-dist/legacy/build/pdf.mjs') as PdfjsModule;
    // Node has no Worker: pdfjs then runs its worker in-process, importing it from here.
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(packageDir(), 'legacy/build/pdf.worker.mjs')).href;
    return pdfjs;
  });
  return loaded;
}

/** Where pdfjs-dist is installed (its CMaps, standard fonts and wasm decoders sit beside it). */
export function packageDir(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

/** Opens a document with everything Node needs to decode Chinese CID fonts and scanned images, and no eval. */
export async function openPdf(bytes: Uint8Array, limits: { maxImagePixels: number }): Promise<PdfDocument> {
  const pdfjs = await loadPdfjs();
  const dir = packageDir();
  const task = pdfjs.getDocument({
    // pdfjs transfers the buffer to its worker: give it a copy so the caller's bytes stay usable.
    data: new Uint8Array(bytes),
    cMapUrl: path.join(dir, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(dir, 'standard_fonts') + path.sep,
    wasmUrl: path.join(dir, 'wasm') + path.sep,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    maxImageSize: limits.maxImagePixels,
    enableXfa: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw error;
  }
}
