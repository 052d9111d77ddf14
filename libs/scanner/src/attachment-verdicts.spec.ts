import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { extractDocument, type Part } from '@clearance/documents';
import { TesseractEngine } from '@clearance/documents/image/tesseract-engine';
import { buildDocx, buildEncryptedOoxml, deleted, para, run, textPara } from '../../documents/test-fixtures/build/docx-fixtures';
import { noticeOfd } from '../../documents/test-fixtures/build/ofd-fixtures';
import { IMAGES_DIR, scannedPdf, truncatedPdf, twoPagePdf } from '../../documents/test-fixtures/build/pdf-fixtures';
import { briefingDeck } from '../../documents/test-fixtures/build/pptx-fixtures';
import { bombWorkbook, buildXlsx, inlineCell, personnelWorkbook, row } from '../../documents/test-fixtures/build/xlsx-fixtures';
import { Scanner } from './scanner';
import type { Hit, ScanResult } from './types';

// The "done when" cases, end to end: bytes → libs/documents → the scanner's verdict and located hits.
const ID = '11010519491231002X';
const MOBILE = '13812345678';
const ocr = new TesseractEngine();
const sut = Scanner.create({ keywords: 0 });

async function scanFile(bytes: Uint8Array, filename: string): Promise<ScanResult> {
  const document = await extractDocument(bytes, filename, { ocr });
  return sut.scan({ title: '关于公布补贴发放情况的通知', body: '详见附件。', attachments: [{ filename, document }] });
}

const inner = (h: Hit): Part | undefined => {
  let loc = h.location;
  while (loc?.part === 'embedded' && loc.inner) loc = loc.inner;
  return loc?.part;
};
const hitsOf = (r: ScanResult, ruleId: string): Hit[] => r.hits.filter((h) => h.ruleId === ruleId);

describe('attachments: verdicts across formats', () => {
  it('blocks a Word file whose header carries the marking', async () => {
    const docx = buildDocx({ body: textPara('关于做好补贴发放工作的通知'), headers: { 'header1.xml': textPara('机密★10年') } });
    const r = await scanFile(docx, '通知.docx');
    expect(r.verdict).toBe('block');
    expect(hitsOf(r, 'classified-marking').map(inner)).toEqual(['header']);
  });

  it('blocks a marking Word split across four runs', async () => {
    const docx = buildDocx({ body: para(run('机') + '<w:proofErr w:type="spellStart"/>' + run('密') + '<w:bookmarkStart w:id="0" w:name="a"/>' + run('★') + '<w:bookmarkEnd w:id="0"/>' + run('10年')) });
    const r = await scanFile(docx, '通知.docx');
    expect(r.verdict).toBe('block');
    expect(hitsOf(r, 'classified-marking')[0]).toMatchObject({ text: '机密★10年', location: { part: 'body', paragraph: 1 } });
  });

  it('blocks a marking deleted with track changes on, naming who deleted it', async () => {
    const docx = buildDocx({ body: para(deleted('机密★10年', '李科员') + run('关于做好补贴发放工作的通知')) });
    const r = await scanFile(docx, '通知.docx');
    expect(r.verdict).toBe('block');
    expect(hitsOf(r, 'classified-marking')[0].location).toMatchObject({ part: 'tracked-deletion', author: '李科员' });
  });

  it.each([
    ['comment', { comments: { 1: { author: '李科员', paragraphs: textPara(`申请人身份证号${ID}`) } } }, 'resident-id'],
    ['footnote', { footnotes: { 1: textPara(`联系人手机${MOBILE}`) } }, 'mobile'],
  ] as const)('sends a Word file with an ID or mobile in a %s to review, located there', async (part, extra, ruleId) => {
    const docx = buildDocx({ body: textPara('关于做好补贴发放工作的通知'), ...extra });
    const r = await scanFile(docx, '通知.docx');
    expect(r.verdict).toBe('review');
    expect(hitsOf(r, ruleId).map(inner)).toEqual([part]);
  });

  it('sends hidden text with a mobile to review, located in the hidden text', async () => {
    const docx = buildDocx({ body: para(run('关于做好补贴发放工作的通知') + run(`联系人${MOBILE}`, '<w:vanish/>')) });
    const r = await scanFile(docx, '通知.docx');
    expect(r.verdict).toBe('review');
    expect(hitsOf(r, 'mobile').map(inner)).toEqual(['hidden-text']);
  });

  it('finds full IDs in a very hidden sheet behind a masked visible one', async () => {
    const r = await scanFile(personnelWorkbook(), '名单.xlsx');
    expect(r.verdict).toBe('review');
    const ids = hitsOf(r, 'resident-id');
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids[0].location).toMatchObject({ part: 'hidden-sheet', sheet: '原始数据', cell: 'B1' });
    expect(ids.every((h) => h.location?.part === 'hidden-sheet')).toBe(true);
  });

  it('blocks a scanned page whose marking exists only as pixels (OCR)', async () => {
    const pdf = await scanFile(scannedPdf(), '扫描件.pdf');
    expect(pdf.verdict).toBe('block');
    expect(pdf.hits.find((h) => h.severity === 'block')?.location).toMatchObject({ part: 'ocr', page: 1 });
    const jpg = await scanFile(readFileSync(join(IMAGES_DIR, 'scan-page.jpg')), '扫描件.jpg');
    expect(jpg.verdict).toBe('block');
  }, 60_000);

  it('blocks a PDF whose second page carries the marking, located on page 2', async () => {
    const r = await scanFile(twoPagePdf(), '通知.pdf');
    expect(r.verdict).toBe('block');
    expect(hitsOf(r, 'classified-marking')[0].location).toMatchObject({ part: 'body', page: 2 });
  });

  it('blocks an OFD page marking and a PowerPoint title marking split across runs', async () => {
    expect((await scanFile(noticeOfd(), '通知.ofd')).verdict).toBe('block');
    const deck = await scanFile(briefingDeck(ID), '汇报.pptx');
    expect(deck.verdict).toBe('block');
    expect(hitsOf(deck, 'resident-id').map(inner)).toContain('notes');
  });

  it.each([
    ['a truncated Word file', () => buildDocx({ body: textPara('机密★10年') }).subarray(0, 400), '半个.docx', 'damaged'],
    ['a truncated PDF', () => truncatedPdf(), '半个.pdf', 'damaged'],
    ['an encrypted Word file', () => buildEncryptedOoxml(), '加密.docx', 'encrypted'],
    ['a zip bomb', () => bombWorkbook(300), '炸弹.xlsx', 'over-limit'],
  ] as const)('never passes %s: review, with an unreadable hit saying why', async (_what, build, filename, reason) => {
    const started = Date.now();
    const r = await scanFile(build(), filename);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.verdict === 'review' || r.verdict === 'block').toBe(true);
    const gaps = r.hits.filter((h) => h.category === 'not-examined');
    expect(gaps.map((h) => h.ruleId)).toContain(`coverage:${reason}`);
    expect(gaps.every((h) => inner(h) === 'unreadable')).toBe(true);
  }, 60_000);

  it('passes clean files: masked lists and office hotlines', async () => {
    const docx = buildDocx({
      body: textPara('关于2024年度城乡低保对象的公示') + textPara('张三，身份证号5113**********1234，联系电话138****5678。') + textPara('监督电话：0817-2222222，12345政务服务便民热线。'),
    });
    const xlsx = buildXlsx({
      sheets: [{ name: '公示', sheetData: row(1, [inlineCell('A1', '姓名'), inlineCell('B1', '身份证号')]) + row(2, [inlineCell('A2', '李四'), inlineCell('B2', '5113**********2345')]) }],
    });
    const zip = zipSync({ '说明.txt': strToU8('本次公示期为7天，咨询电话0817-2222222。') });
    for (const [bytes, name] of [[docx, '公示.docx'], [xlsx, '公示.xlsx'], [zip, '材料.zip']] as const) {
      const r = await scanFile(bytes, name);
      expect({ name, verdict: r.verdict, hits: r.hits.map((h) => h.ruleId) }).toEqual({ name, verdict: 'pass', hits: [] });
    }
  });
});
