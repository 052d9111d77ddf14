import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractDocument } from '../extract-document';
import type { ExtractedDocument, OcrEngine } from '../types';
import { IMAGES_DIR, MOBILE } from '../../test-fixtures/build/pdf-fixtures';
import { readImageHeader } from './image-header';
import { TesseractEngine } from './tesseract-engine';

const image = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(IMAGES_DIR, name)));
const ocr = new TesseractEngine();
const text = (doc: ExtractedDocument): string => doc.pieces.map((p) => p.text).join('\n');

/** An engine that counts its calls and never recognises anything. */
function countingEngine(): OcrEngine & { calls: number } {
  return {
    calls: 0,
    available: async () => true,
    async recognize() {
      this.calls++;
      return '';
    },
  };
}

describe('readImage', () => {
  it('emits the text of a scanned page as part ocr, one piece per line numbered from 1', async () => {
    const sut = await extractDocument(image('scan-page.jpg'), '扫描件.jpg', { ocr });
    expect(sut.coverage.format).toBe('jpeg');
    expect(sut.coverage.gaps).toEqual([]);
    expect(sut.pieces.length).toBeGreaterThan(4);
    sut.pieces.forEach((p, k) => expect(p.location).toEqual({ file: '扫描件.jpg', part: 'ocr', paragraph: k + 1 }));
    expect(sut.pieces[0].text).toMatch(/^机密.10年$/);
    expect(text(sut)).toContain('关于加强政府信息公开保密审查的通知');
  });

  it('reads a scan stored sideways upright (orientation detection)', async () => {
    const sut = await extractDocument(image('scan-page-sideways.jpg'), '扫描件.jpg', { ocr });
    expect(sut.pieces[0].text).toMatch(/^机密.10年$/);
    expect(text(sut)).toContain('政府信息公开保密审查的通知');
  });

  it('finds a mobile number in an image', async () => {
    const sut = await extractDocument(image('mobile.png'), 'mobile.png', { ocr });
    expect(sut.pieces).toEqual([{ text: expect.stringContaining(MOBILE), location: { file: 'mobile.png', part: 'ocr', paragraph: 1 } }]);
  });

  it.each(['marking-24.webp', 'marking-24.gif', 'marking-24.bmp'])('reads %s', async (name) => {
    const sut = await extractDocument(image(name), name, { ocr });
    expect(sut.coverage.gaps).toEqual([]);
    expect(text(sut)).toContain('机密');
  });

  it('numbers the pages of a multi-page TIFF', async () => {
    const sut = await extractDocument(image('two-pages.tiff'), 'fax.tiff', { ocr });
    expect(sut.pieces.map((p) => p.location.page)).toEqual([1, 2]);
    expect(sut.pieces[0].text).toContain(MOBILE);
    expect(sut.pieces[1].text).toContain('机密');
  });

  it('reports ocr-unavailable without an engine, and when the engine is not installed', async () => {
    for (const engine of [null, new TesseractEngine({ command: '/nonexistent/tesseract' })]) {
      const sut = await extractDocument(image('mobile.png'), 'mobile.png', { ocr: engine });
      expect(sut.pieces).toEqual([]);
      expect(sut.coverage.gaps).toEqual([{ location: { file: 'mobile.png', part: 'unreadable' }, reason: 'ocr-unavailable', detail: '未安装文字识别（OCR），图片内容未审查' }]);
    }
  });

  it('reports a garbage PNG as damaged, without throwing and without running OCR', async () => {
    const engine = countingEngine();
    const garbage = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const sut = await extractDocument(garbage, 'photo.png', { ocr: engine });
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: { file: 'photo.png', part: 'unreadable' } })]);
    expect(engine.calls).toBe(0);
  });

  it('reports a truncated PNG that Tesseract cannot decode as damaged', async () => {
    const sut = await extractDocument(image('mobile.png').subarray(0, 600), 'cut.png', { ocr });
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', detail: expect.stringContaining('图片无法识别') })]);
  });

  it('reports timed-out when OCR runs past ocrTimeoutMs', async () => {
    const sut = await extractDocument(image('scan-page.jpg'), 'scan.jpg', { ocr, limits: { ocrTimeoutMs: 5 } });
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'timed-out', location: { file: 'scan.jpg', part: 'unreadable' } })]);
  });

  it('reports over-limit past maxOcrImages', async () => {
    const engine = countingEngine();
    const sut = await extractDocument(image('mobile.png'), 'mobile.png', { ocr: engine, limits: { maxOcrImages: 0 } });
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit' })]);
    expect(engine.calls).toBe(0);
  });

  it('refuses an image above the pixel limit by its header, before OCR', async () => {
    const engine = countingEngine();
    const huge = image('marking-24.png').slice();
    new DataView(huge.buffer).setUint32(16, 20_000);
    new DataView(huge.buffer).setUint32(20, 20_000);
    const sut = await extractDocument(huge, 'poster.png', { ocr: engine });
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit', detail: expect.stringContaining('20000×20000') })]);
    expect(engine.calls).toBe(0);
  });

  it('reports a compressed BMP, which Leptonica cannot decode, as unsupported', async () => {
    const bmp = image('marking-24.bmp').slice();
    new DataView(bmp.buffer).setUint32(30, 3, true);
    const sut = await extractDocument(bmp, 'scan.bmp', { ocr });
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'unsupported', detail: expect.stringContaining('BMP') })]);
  });
});

describe('readImageHeader', () => {
  it.each([
    ['marking-24.png', 163, 70],
    ['marking-24.gif', 163, 70],
    ['marking-24.webp', 163, 70],
    ['marking-24.bmp', 163, 70],
    ['scan-page.jpg', 1240, 760],
    ['two-pages.tiff', 551, 87],
  ])('reads the size of %s', (name, width, height) => {
    expect(readImageHeader(image(name))).toEqual({ width, height });
  });

  it('returns null for a header cut short', () => {
    expect(readImageHeader(image('scan-page.jpg').subarray(0, 40))).toBeNull();
  });
});
