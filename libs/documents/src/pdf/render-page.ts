import type { Raster } from './page-raster';
import { nodeRequire, type PdfPage } from './pdfjs-loader';

/** The little of @napi-rs/canvas used here (an optional dependency of pdfjs-dist, with a prebuilt binary). */
interface NodeCanvas {
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

interface CanvasModule {
  createCanvas(w: number, h: number): NodeCanvas;
}

let canvasModule: CanvasModule | null | undefined;

function loadCanvas(): CanvasModule | null {
  if (canvasModule === undefined) {
    try {
      canvasModule = nodeRequire('@napi-rs/canvas') as CanvasModule;
    } catch {
      canvasModule = null;
    }
  }
  return canvasModule;
}

/** Whether pages can be rendered here: @napi-rs/canvas loads. */
export function canRender(): boolean {
  return loadCanvas() !== null;
}

/** Renders a page in grayscale at `scale` pixels per point; null where no canvas is available. */
export async function renderPage(page: PdfPage, scale: number): Promise<Raster | null> {
  const canvasModule = loadCanvas();
  if (!canvasModule) return null;
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const canvas = canvasModule.createCanvas(width, height);
  const context = canvas.getContext('2d');
  // pdfjs draws on anything with the Canvas 2D API; @napi-rs/canvas's canvas is what its own Node factory makes.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: 'white' }).promise;
  const rgba = context.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = (rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000;
  return { width, height, gray };
}
