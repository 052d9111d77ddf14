import { extractDocument } from '../extract-document';
import { TesseractEngine } from '../image/tesseract-engine';
import type { ExtractedDocument, OcrEngine, TextPiece } from '../types';
import * as fixtures from '../../test-fixtures/build/pdf-fixtures';

const ocr = new TesseractEngine();
const ofPart = (doc: ExtractedDocument, part: string): TextPiece[] => doc.pieces.filter((p) => p.location.part === part);
const textOf = (pieces: TextPiece[]): string => pieces.map((p) => p.text).join('\n');

/** An engine that must not be asked: text pages are not OCRed. */
function refusingEngine(): OcrEngine & { calls: number } {
  return {
    calls: 0,
    available: async () => true,
    async recognize() {
      this.calls++;
      return '';
    },
  };
}

describe('readPdf', () => {
  describe('a two-page text PDF', () => {
    let sut: ExtractedDocument;
    const engine = refusingEngine();
    beforeAll(async () => {
      sut = await extractDocument(fixtures.twoPagePdf(), '通知.pdf', { ocr: engine });
    });

    it('reads the marking on page 2 whole, though it is written as three text items', () => {
      expect(sut.pieces).toContainEqual({ text: '机密★10年', location: { file: '通知.pdf', part: 'body', page: 2, paragraph: 1 } });
    });

    it('reads every line of the body in order, including text in a font that needs Adobe-GB1 CMaps', () => {
      expect(ofPart(sut, 'body').map((p) => [p.location.page, p.text])).toEqual([
        [1, '关于做好政府信息公开工作的通知'],
        [1, '各乡镇人民政府，县政府各部门：'],
        [1, '现将2024年政府信息公开工作要点印发给你们，'],
        [1, '请结合实际认真贯彻落实。'],
        [2, '机密★10年'],
        [2, '本通知附件列明的事项按有关规定办理。'],
        [2, '联系电话：0817-2222222'],
      ]);
    });

    it('reads the document information and the XMP metadata once each', () => {
      expect(ofPart(sut, 'metadata').map((p) => [p.location.field, p.text])).toEqual([
        ['Title', '关于做好政府信息公开工作的通知'],
        ['Author', '王五'],
        ['Subject', '政府信息公开'],
        ['Keywords', '内部资料'],
        ['Creator', 'WPS 文字'],
        ['dc:description', '内部文件 请勿外传'],
      ]);
    });

    it('reports no gaps and runs no OCR on pages of text', () => {
      expect(sut.coverage).toMatchObject({ format: 'pdf', gaps: [] });
      expect(engine.calls).toBe(0);
    });
  });

  it('reads annotations with their authors, form field values and attached files', async () => {
    const sut = await extractDocument(fixtures.annotatedPdf(), '答复书.pdf');
    expect(ofPart(sut, 'comment')).toEqual([
      { text: `申请人身份证号 ${fixtures.RESIDENT_ID}，请核实`, location: { file: '答复书.pdf', part: 'comment', page: 1, author: '张三' } },
      { text: '此件不公开', location: { file: '答复书.pdf', part: 'comment', page: 1, author: '李四' } },
    ]);
    expect(ofPart(sut, 'metadata')).toEqual([{ text: fixtures.MOBILE, location: { file: '答复书.pdf', part: 'metadata', page: 1, field: '联系电话' } }]);
    expect(ofPart(sut, 'embedded')).toEqual([
      {
        text: '附件：工作秘密 仅供内部使用',
        location: { file: '答复书.pdf', part: 'embedded', field: '附件1.txt', inner: { file: '附件1.txt', part: 'body', paragraph: 1 } },
      },
    ]);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reports a PDF with an open password as encrypted, reading nothing', async () => {
    const sut = await extractDocument(fixtures.encryptedPdf(), 'secret.pdf');
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([{ location: { file: 'secret.pdf', part: 'unreadable' }, reason: 'encrypted', detail: expect.stringContaining('密码') }]);
  });

  it('reads a PDF restricted by an owner password only', async () => {
    const sut = await extractDocument(fixtures.ownerPasswordPdf(), 'restricted.pdf');
    expect(sut.coverage.gaps).toEqual([]);
    expect(sut.pieces).toContainEqual({ text: '机密★10年', location: { file: 'restricted.pdf', part: 'body', page: 2, paragraph: 1 } });
    expect(textOf(ofPart(sut, 'metadata'))).toContain('王五');
  });

  it('reports a PDF cut off in the middle as damaged, without throwing', async () => {
    const sut = await extractDocument(fixtures.truncatedPdf(), 'cut.pdf');
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([{ location: { file: 'cut.pdf', part: 'unreadable' }, reason: 'damaged', detail: expect.stringContaining('已损坏') }]);
  });

  it('reads what survives of a PDF that lost its xref table and trailer, and still reports it damaged', async () => {
    const sut = await extractDocument(fixtures.truncatedPdf({ atXref: true }), 'cut.pdf');
    expect(sut.pieces).toContainEqual({ text: '机密★10年', location: { file: 'cut.pdf', part: 'body', page: 2, paragraph: 1 } });
    expect(sut.coverage.gaps).toEqual([{ location: { file: 'cut.pdf', part: 'unreadable' }, reason: 'damaged', detail: expect.stringContaining('不完整') }]);
  });

  it('reports bytes that only start like a PDF as damaged', async () => {
    const sut = await extractDocument(new TextEncoder().encode('%PDF-1.7\nnot really'), 'fake.pdf');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: { file: 'fake.pdf', part: 'unreadable' } })]);
  });

  it('reads maxPages pages and reports the rest over the limit', async () => {
    const sut = await extractDocument(fixtures.manyPagesPdf(5), 'long.pdf', { limits: { maxPages: 3 } });
    expect(new Set(sut.pieces.map((p) => p.location.page))).toEqual(new Set([1, 2, 3]));
    expect(sut.coverage.gaps).toEqual([{ location: { file: 'long.pdf', part: 'body', page: 4 }, reason: 'over-limit', detail: '共 5 页，超过 3 页的上限，第 4 页起未审查' }]);
  });

  it('stops between pages when the file’s time is up', async () => {
    const sut = await extractDocument(fixtures.manyPagesPdf(20), 'long.pdf', { limits: { timeoutMs: 1 } });
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'timed-out', location: expect.objectContaining({ part: 'body' }) })]);
    expect(new Set(sut.pieces.map((p) => p.location.page)).size).toBeLessThan(20);
  });

  describe('scanned pages', () => {
    it('OCRs a page that is only an image, the marking included', async () => {
      const sut = await extractDocument(fixtures.scannedPdf(), '扫描件.pdf', { ocr });
      expect(sut.coverage.gaps).toEqual([]);
      const lines = ofPart(sut, 'ocr');
      expect(lines.length).toBe(sut.pieces.length);
      lines.forEach((p, k) => expect(p.location).toEqual({ file: '扫描件.pdf', part: 'ocr', page: 1, paragraph: k + 1 }));
      expect(lines[0].text).toContain('机密');
      expect(lines[0].text).toContain('10年');
      expect(textOf(lines)).toContain(fixtures.MOBILE);
    });

    it('turns a scan stored sideways upright by the page rotation before OCR', async () => {
      const sut = await extractDocument(fixtures.scannedPdf({ sideways: true }), 'sideways.pdf', { ocr });
      // OCR may misread a character or two (关 → 天); the title's run of words is what shows the page was upright.
      expect(textOf(ofPart(sut, 'ocr'))).toContain('政府信息公开保密审查的通知');
    });

    it('OCRs the scanned page of a mixed PDF and not its text page, though the scan carries a page number', async () => {
      const sut = await extractDocument(fixtures.mixedPdf(), 'mixed.pdf', { ocr });
      expect(ofPart(sut, 'body').map((p) => [p.location.page, p.text])).toEqual([
        [1, '关于印发工作要点的通知'],
        [1, '原件扫描件见第2页。'],
        [2, '- 2 -'],
      ]);
      const scanned = ofPart(sut, 'ocr');
      expect(new Set(scanned.map((p) => p.location.page))).toEqual(new Set([2]));
      expect(textOf(scanned)).toContain('机密');
    });

    it('OCRs a large picture on a page of typed text', async () => {
      const sut = await extractDocument(fixtures.scanWithTextPdf({ invisible: false }), 'pasted.pdf', { ocr });
      expect(ofPart(sut, 'body').map((p) => p.text)).toEqual(['现将原件扫描件附后，请各单位认真学习贯彻。']);
      expect(textOf(ofPart(sut, 'ocr'))).toContain('机密');
    });

    it('trusts the invisible OCR layer of a searchable scan and does not OCR it again', async () => {
      const engine = refusingEngine();
      const sut = await extractDocument(fixtures.scanWithTextPdf({ invisible: true }), 'searchable.pdf', { ocr: engine });
      expect(ofPart(sut, 'body').map((p) => p.text)).toEqual(['关于加强政府信息公开保密审查的通知（识别层文字）']);
      expect(engine.calls).toBe(0);
    });

    it('reads 1-bit scans and stencil masks', async () => {
      const sut = await extractDocument(fixtures.bilevelScanPdf(), 'bw.pdf', { ocr });
      for (const page of [1, 2]) expect(textOf(sut.pieces.filter((p) => p.location.page === page))).toContain('机密');
    });

    it('renders and OCRs a page whose text was converted to outlines', async () => {
      const sut = await extractDocument(fixtures.outlinedTextPdf(), 'outlined.pdf', { ocr });
      expect(sut.coverage.gaps).toEqual([]);
      expect(textOf(ofPart(sut, 'ocr'))).toContain('机密');
    });

    it('reports an image too large to OCR, which pdfjs would drop without a word', async () => {
      const engine = refusingEngine();
      const sut = await extractDocument(fixtures.oversizedScanPdf(), 'poster.pdf', { ocr: engine });
      expect(engine.calls).toBe(0);
      expect(sut.coverage.gaps).toEqual([{ location: { file: 'poster.pdf', part: 'ocr' }, reason: 'over-limit', detail: '文件中有 1 张图片超过 80 百万像素的识别上限，未识别' }]);
    });

    it('reports ocr-unavailable for the scanned page, with its number, when there is no engine', async () => {
      const sut = await extractDocument(fixtures.mixedPdf(), 'mixed.pdf');
      expect(ofPart(sut, 'ocr')).toEqual([]);
      expect(sut.coverage.gaps).toEqual([{ location: { file: 'mixed.pdf', part: 'ocr', page: 2 }, reason: 'ocr-unavailable', detail: '未安装文字识别（OCR），第 2 页的扫描图像内容未审查' }]);
    });

    it('reports timed-out when OCR of a page runs past ocrTimeoutMs', async () => {
      const sut = await extractDocument(fixtures.scannedPdf(), 'scan.pdf', { ocr, limits: { ocrTimeoutMs: 5 } });
      expect(sut.pieces).toEqual([]);
      expect(sut.coverage.gaps).toEqual([expect.objectContaining({ location: { file: 'scan.pdf', part: 'ocr', page: 1 }, reason: 'timed-out' })]);
    });

    it('reports over-limit for scanned pages past maxOcrImages', async () => {
      const engine = refusingEngine();
      const sut = await extractDocument(fixtures.bilevelScanPdf(), 'bw.pdf', { ocr: engine, limits: { maxOcrImages: 1 } });
      expect(engine.calls).toBe(1);
      expect(sut.coverage.gaps).toEqual([expect.objectContaining({ location: { file: 'bw.pdf', part: 'ocr', page: 2 }, reason: 'over-limit' })]);
    });
  });
});
