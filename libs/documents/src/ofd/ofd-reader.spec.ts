import { strToU8, unzipSync, zipSync } from 'fflate';
import { TINY_PNG, buildOfd, line, noticeOfd } from '../../test-fixtures/build/ofd-fixtures';
import { buildXlsx, inlineCell, row } from '../../test-fixtures/build/xlsx-fixtures';
import { extractDocument } from '../extract-document';
import type { OcrEngine, TextPiece } from '../types';

const body = (pieces: TextPiece[], page?: number): string[] =>
  pieces.filter((p) => p.location.part === 'body' && (page === undefined || p.location.page === page)).map((p) => p.text);

/** An OCR engine that "reads" every image as the same text. */
const fakeOcr = (text: string): OcrEngine => ({ available: async () => true, recognize: async () => text });

describe('readOfd', () => {
  describe('a two-page notice', () => {
    let pieces: TextPiece[];
    beforeAll(async () => {
      const sut = await extractDocument(noticeOfd(), '通知.ofd');
      expect(sut.coverage.format).toBe('ofd');
      expect(sut.coverage.gaps).toEqual([]);
      pieces = sut.pieces;
    });

    it('keeps a marking split into two TextCodes whole, as one piece on page 2', () => {
      expect(pieces.filter((p) => p.text === '机密★10年').map((p) => p.location)).toEqual([{ file: '通知.ofd', part: 'body', page: 2 }]);
      expect(body(pieces, 2)).toEqual(['机密★10年', '请于三月底前报送。']);
    });

    it('joins a title set glyph by glyph and breaks lines where the baseline moves, through a CTM', () => {
      expect(body(pieces, 1)).toEqual(['关于做好补贴发放工作的通知', '各乡镇人民政府：', '联系人：张三13812345678']);
    });

    it('reads DocInfo as metadata', () => {
      const metadata = pieces.filter((p) => p.location.part === 'metadata').map((p) => [p.location.field, p.text]);
      expect(metadata).toEqual(
        expect.arrayContaining([
          ['Title', '关于做好补贴发放工作的通知'],
          ['Author', '县民政局办公室'],
          ['Subject', '补贴发放'],
          ['Keyword', '补贴'],
          ['Keyword', '通知'],
          ['密级', '内部'],
          ['outline', '一、总体要求'],
        ]),
      );
    });

    it('reads an annotation as a comment with its creator and page', () => {
      expect(pieces.filter((p) => p.location.part === 'comment').map((p) => [p.text, p.location.author, p.location.page])).toEqual([['此处手机号需遮盖', '王科员', 1]]);
    });
  });

  it('resolves locations written from the package root and ignores signatures', async () => {
    const sut = await extractDocument(noticeOfd({ absolute: true, signed: true }), 'abs.ofd');
    expect(body(sut.pieces, 2)).toContain('机密★10年');
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reads template text as part of the pages that use it, in z-order', async () => {
    const bytes = buildOfd({
      templates: { '9': [line(20, 15, '内部资料 注意保存')] },
      pages: [{ objects: [line(25, 60, '正文第一页')], templates: [{ id: '9' }] }, { objects: [line(25, 60, '正文第二页')], templates: [{ id: '9', zOrder: 'Foreground' }] }],
    });
    const sut = await extractDocument(bytes, 't.ofd');
    expect(body(sut.pieces, 1)).toEqual(['内部资料 注意保存', '正文第一页']);
    expect(body(sut.pieces, 2)).toEqual(['正文第二页', '内部资料 注意保存']);
  });

  it('opens the image of a scanned page as an embedded file, so it is OCRed with its page', async () => {
    const bytes = buildOfd({ pages: [{ objects: [line(25, 60, '封面')] }, { images: ['20'] }], images: { '20': { file: 'image_20.png', bytes: TINY_PNG, format: 'PNG' } } });
    const sut = await extractDocument(bytes, 'scan.ofd', { ocr: fakeOcr('身份证号 11010519491231002X') });
    const ocr = sut.pieces.filter((p) => p.location.part === 'embedded');
    expect(ocr.map((p) => [p.text, p.location.page, p.location.field, p.location.inner?.part])).toEqual([['身份证号 11010519491231002X', 2, 'Doc_0/Res/image_20.png', 'ocr']]);
  });

  it('reports a scanned page as not examined when there is no OCR', async () => {
    const bytes = buildOfd({ pages: [{ images: ['20'] }], images: { '20': { file: 'image_20.png', bytes: TINY_PNG, format: 'PNG' } } });
    const sut = await extractDocument(bytes, 'scan.ofd');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'ocr-unavailable', location: expect.objectContaining({ part: 'embedded', page: 1 }) })]);
  });

  it('reports a JBIG2 page image as unsupported', async () => {
    const bytes = buildOfd({ pages: [{ images: ['21'] }], images: { '21': { file: 'image_21.jb2', bytes: new Uint8Array([0, 1, 2, 3]), format: 'GBIG2' } } });
    const sut = await extractDocument(bytes, 'scan.ofd');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'unsupported', location: expect.objectContaining({ part: 'embedded', page: 1, field: 'Doc_0/Res/image_21.jb2' }) })]);
  });

  it('gives nothing for a page with no text and no image', async () => {
    const sut = await extractDocument(buildOfd({ pages: [{ objects: [line(25, 60, '第一页')] }, {}] }), 'e.ofd');
    expect(body(sut.pieces)).toEqual(['第一页']);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reports text kept only as glyph indices as unsupported for its page', async () => {
    const bytes = buildOfd({ pages: [{ objects: [{ ...line(25, 60, '无法提取的文字'), glyphsOnly: true }] }] });
    const sut = await extractDocument(bytes, 'g.ofd');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'unsupported', location: expect.objectContaining({ part: 'body', page: 1 }) })]);
  });

  it('reads attachments as embedded files', async () => {
    const sheet = buildXlsx({ sheets: [{ name: '名单', sheetData: row(1, [inlineCell('A1', '13912345678')]) }] });
    const sut = await extractDocument(buildOfd({ pages: [{ objects: [line(25, 60, '见附件')] }], attachments: [{ name: '名单.xlsx', file: 'att_0.xlsx', bytes: sheet }] }), 'a.ofd');
    expect(sut.pieces.filter((p) => p.location.part === 'embedded' && p.location.inner?.part === 'sheet').map((p) => [p.text, p.location.field])).toEqual([['13912345678', '名单.xlsx']]);
  });

  it('reports an encrypted OFD and still reads what is in the clear', async () => {
    const sut = await extractDocument(buildOfd({ pages: [{ objects: [line(25, 60, '替换后的明文')] }], encrypted: true }), 'enc.ofd');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'encrypted', location: expect.objectContaining({ part: 'unreadable' }) })]);
    expect(body(sut.pieces)).toEqual(['替换后的明文']);
  });

  it('reports a damaged page and reads the next', async () => {
    const files = unzipSync(buildOfd({ pages: [{ objects: [line(25, 60, '第一页')] }, { objects: [line(25, 60, '第二页')] }] }));
    files['Doc_0/Pages/Page_0/Content.xml'] = strToU8(new TextDecoder().decode(files['Doc_0/Pages/Page_0/Content.xml']).slice(0, 120));
    const sut = await extractDocument(zipSync(files), 'd.ofd');
    expect(body(sut.pieces)).toEqual(['第二页']);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: expect.objectContaining({ part: 'body', page: 1 }) })]);
  });

  it('records a timed-out gap instead of reading pages past the deadline', async () => {
    const sut = await extractDocument(noticeOfd(), 't.ofd', { limits: { timeoutMs: -1 } });
    expect(body(sut.pieces)).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'timed-out', location: expect.objectContaining({ page: 1 }) })]);
  });

  it('stops past the page limit with an over-limit gap', async () => {
    const pages = Array.from({ length: 5 }, (_v, k) => ({ objects: [line(25, 60, `第${k + 1}页`)] }));
    const sut = await extractDocument(buildOfd({ pages }), 'p.ofd', { limits: { maxPages: 3 } });
    expect(body(sut.pieces)).toEqual(['第1页', '第2页', '第3页']);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit', location: expect.objectContaining({ page: 4 }) })]);
  });
});
