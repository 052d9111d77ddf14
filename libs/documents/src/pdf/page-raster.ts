import type { Matrix } from './page-content';

/** An 8-bit grayscale picture: 0 black, 255 white, rows top to bottom. */
export interface Raster {
  width: number;
  height: number;
  gray: Uint8Array;
}

/** A decoded pdfjs image: ImageKind 1 (1 bit, packed rows), 2 (RGB) or 3 (RGBA); a mask has no kind. */
export interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** An image placed on the raster: `matrix` maps the unit square (first image row at the top) to raster pixels. */
export interface Placement {
  image: DecodedImage;
  mask: boolean;
  matrix: Matrix;
  crop?: { x: number; y: number; w: number; h: number };
}

/** Source pixels averaged per raster pixel at most, when an image is drawn smaller than it is. */
const MAX_SUPERSAMPLE = 4;

/**
 * Paints images onto a white raster as the page shows them: positioned, scaled, rotated or flipped by their
 * transforms, so a page of strips or a scan stored sideways comes out upright and whole. Alpha and stencil masks
 * are composited over what is below; masks paint black (their fill colour does not matter for OCR).
 */
export function paintImages(width: number, height: number, placements: readonly Placement[]): Raster {
  const gray = new Uint8Array(width * height).fill(255);
  for (const p of placements) paint(gray, width, height, p);
  return { width, height, gray };
}

function paint(out: Uint8Array, width: number, height: number, p: Placement): void {
  const [a, b, c, d, e, f] = p.matrix;
  const det = a * d - b * c;
  if (!det || !Number.isFinite(det)) return;
  const planes = toPlanes(p.image, p.mask);
  if (!planes) return;
  const { gray, alpha } = planes;
  const w = p.image.width;
  const crop = p.crop ?? { x: 0, y: 0, w, h: p.image.height };
  const xs = [e, a + e, c + e, a + c + e];
  const ys = [f, b + f, d + f, b + d + f];
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys)));
  // The inverse transform, scaled to source pixels: raster pixel → (column, row) of the crop.
  const ia = (d / det) * crop.w;
  const ic = (-c / det) * crop.w;
  const ib = (b / det) * crop.h;
  const id = (-a / det) * crop.h;
  // Source pixels covered by one raster pixel along each axis: above 1, average several samples.
  const k = Math.min(MAX_SUPERSAMPLE, Math.max(1, Math.ceil(Math.max(Math.hypot(ia, ic), Math.hypot(ib, id)) - 0.05)));
  const step = 1 / k;
  const samples = k * k;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let lum = 0;
      let cover = 0;
      for (let sy = 0; sy < k; sy++) {
        const py = y + (sy + 0.5) * step - f;
        for (let sx = 0; sx < k; sx++) {
          const px = x + (sx + 0.5) * step - e;
          const u = ia * px + ic * py;
          // Rows count down from the top of the unit square (v = 1).
          const v = crop.h + ib * px + id * py;
          if (u < 0 || u >= crop.w || v < 0 || v >= crop.h) continue;
          const i = (crop.y + (v | 0)) * w + crop.x + (u | 0);
          const opacity = alpha ? alpha[i] : 255;
          lum += gray[i] * opacity;
          cover += opacity;
        }
      }
      if (cover === 0) continue;
      const o = y * width + x;
      const share = cover / (255 * samples);
      out[o] = out[o] * (1 - share) + (lum / cover) * share + 0.5;
    }
  }
}

/** The image as a gray plane and an alpha plane (null when opaque); null for data its kind does not match. */
function toPlanes(img: DecodedImage, mask: boolean): { gray: Uint8Array; alpha: Uint8Array | null } | null {
  const { width: w, height: h, data } = img;
  const n = w * h;
  const gray = new Uint8Array(n);
  if (mask || img.kind === 1) {
    const stride = (w + 7) >> 3;
    if (data.length < stride * h) return null;
    const alpha = mask ? new Uint8Array(n) : null;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const bit = (data[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1;
        // A stencil paints (black) where the bit is 0; a 1-bit image is black at 0 and white at 1.
        if (alpha) alpha[y * w + x] = bit ? 0 : 255;
        else gray[y * w + x] = bit * 255;
      }
    }
    return { gray, alpha };
  }
  const channels = img.kind === 3 ? 4 : img.kind === 2 ? 3 : 0;
  if (!channels || data.length < n * channels) return null;
  const alpha = channels === 4 ? new Uint8Array(n) : null;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    gray[i] = (data[j] * 299 + data[j + 1] * 587 + data[j + 2] * 114) / 1000;
    if (alpha) alpha[i] = data[j + 3];
  }
  return { gray, alpha };
}

/** The raster as a binary PGM, which Tesseract (Leptonica) reads natively. */
export function toPgm(raster: Raster): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${raster.width} ${raster.height}\n255\n`);
  const out = new Uint8Array(header.length + raster.gray.length);
  out.set(header);
  out.set(raster.gray, header.length);
  return out;
}
