import { extractDocument } from '../extract-document';
import { TesseractEngine } from '../image/tesseract-engine';
import { outlinedTextPdf } from '../../test-fixtures/build/pdf-fixtures';

// A host where @napi-rs/canvas (pdfjs's optional dependency) did not install: pages cannot be rendered.
jest.mock('./render-page', () => ({ canRender: () => false, renderPage: async () => null }));

describe('readScannedContent without a canvas', () => {
  it('reports a page drawn only with paths as unsupported instead of passing it as blank', async () => {
    const sut = await extractDocument(outlinedTextPdf(), 'outlined.pdf', { ocr: new TesseractEngine() });
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([
      { location: { file: 'outlined.pdf', part: 'ocr', page: 1 }, reason: 'unsupported', detail: '第 1 页只有矢量图形（文字可能已转为曲线），无法识别，需人工查看' },
    ]);
  });
});
