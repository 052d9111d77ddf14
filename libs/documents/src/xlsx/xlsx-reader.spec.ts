import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  FULL_IDS,
  bombWorkbook,
  buildXlsx,
  inlineCell,
  largeWorkbook,
  numberCell,
  personnelWorkbook,
  row,
  si,
  xlsxMembers,
} from '../../test-fixtures/build/xlsx-fixtures';
import { chartPart } from '../../test-fixtures/build/pptx-fixtures';
import { extractDocument } from '../extract-document';
import type { TextPiece } from '../types';

const inPart = (pieces: TextPiece[], part: string): TextPiece[] => pieces.filter((p) => p.location.part === part);
const at = (pieces: TextPiece[], sheet: string, cell: string): TextPiece | undefined =>
  pieces.find((p) => p.location.sheet === sheet && p.location.cell === cell && (p.location.part === 'sheet' || p.location.part === 'hidden-sheet'));

describe('readXlsx', () => {
  describe('a personnel list with a very hidden sheet', () => {
    let pieces: TextPiece[];
    let gaps: unknown[];
    beforeAll(async () => {
      const sut = await extractDocument(personnelWorkbook(), '补贴名单.xlsx');
      pieces = sut.pieces;
      gaps = sut.coverage.gaps;
      expect(sut.coverage.format).toBe('xlsx');
    });

    it('reads the whole file', () => {
      expect(gaps).toEqual([]);
    });

    it('reads the very hidden sheet as hidden-sheet, with the sheet name and cell references', () => {
      const hidden = inPart(pieces, 'hidden-sheet');
      expect(hidden.map((p) => [p.location.sheet, p.location.cell, p.text])).toEqual([
        ['原始数据', 'A1', '张三'],
        ['原始数据', 'B1', FULL_IDS[0]],
        ['原始数据', 'A2', '王五'],
        ['原始数据', 'B2', '5.11321197803025E+17'],
        ['原始数据', 'A3', '赵六'],
        ['原始数据', 'B3', FULL_IDS[1]],
      ]);
    });

    it('reads the visible sheet as sheet, masked IDs as written', () => {
      expect(at(pieces, '公示名单', 'B2')).toMatchObject({ text: '5113**********1234', location: { part: 'sheet', file: '补贴名单.xlsx' } });
      expect(at(pieces, '公示名单', 'B3')?.text).toBe('5113**********2345');
    });

    it('gives a mobile stored as a number exactly as the XML writes it', () => {
      expect(at(pieces, '公示名单', 'C2')?.text).toBe('13812345678');
    });

    it('joins rich-text runs of a shared string and leaves the phonetic guide out', () => {
      expect(at(pieces, '公示名单', 'A2')?.text).toBe('张三');
      expect(pieces.some((p) => p.text.includes('ジャンサン'))).toBe(false);
    });

    it('reads inline strings and booleans, and skips error values', () => {
      expect(at(pieces, '公示名单', 'C3')?.text).toBe('0817-2222222');
      expect(at(pieces, '公示名单', 'D3')?.text).toBe('TRUE');
      expect(at(pieces, '公示名单', 'E3')).toBeUndefined();
    });

    it('separates the cells of a row by tabs and starts each row on a new line', () => {
      expect(at(pieces, '公示名单', 'A2')?.separator).toBeUndefined();
      expect(at(pieces, '公示名单', 'B2')?.separator).toBe('\t');
      expect(at(pieces, '公示名单', 'C2')?.separator).toBe('\t');
    });

    it('reads a cell comment with its author', () => {
      const comments = inPart(pieces, 'cell-comment');
      expect(comments).toHaveLength(1);
      expect(comments[0].location).toMatchObject({ sheet: '公示名单', cell: 'C2', author: '张科长' });
      expect(comments[0].text).toContain('电话已核实，本人手机');
    });

    it('reads sheet names and defined names as metadata', () => {
      const metadata = inPart(pieces, 'metadata');
      expect(metadata.filter((p) => p.location.field === 'sheetName').map((p) => p.text)).toEqual(['公示名单', '原始数据']);
      expect(metadata.find((p) => p.location.field === '原始身份证')?.text).toBe("'原始数据'!$B$1:$B$3");
    });

    it('reads document properties through readDocProps', () => {
      expect(inPart(pieces, 'metadata').map((p) => p.text)).toContain('2024年度补贴发放名单');
    });

    it('reads header and footer sections without their format codes', () => {
      const header = inPart(pieces, 'header');
      expect(header.map((p) => p.text)).toEqual(['内部资料 注意保存', '第  页']);
      expect(header[0].location).toMatchObject({ sheet: '公示名单', field: 'oddHeader' });
      expect(inPart(pieces, 'footer').map((p) => p.text)).toEqual(['某县民政局制表']);
    });
  });

  it('reads threaded comments with the person’s name, and not again through their legacy copy', async () => {
    const bytes = buildXlsx({
      sheets: [{ name: '台账', sheetData: row(1, [inlineCell('A1', '事项')]), threadedComments: [{ ref: 'A1', author: '王主任', text: '此件不公开，请删除第3行' }] }],
    });
    const sut = await extractDocument(bytes, '台账.xlsx');
    const comments = inPart(sut.pieces, 'cell-comment');
    expect(comments.map((p) => [p.text, p.location.author, p.location.sheet, p.location.cell])).toEqual([['此件不公开，请删除第3行', '王主任', '台账', 'A1']]);
  });

  it('reads a text box drawn on a sheet as one paragraph however its runs are split', async () => {
    const bytes = buildXlsx({ sheets: [{ name: '封面', sheetData: '', textBox: [['机密', '★', '10年']] }] });
    const sut = await extractDocument(bytes, '封面.xlsx');
    expect(inPart(sut.pieces, 'sheet').map((p) => [p.text, p.location.sheet, p.location.field])).toEqual([['机密★10年', '封面', 'xl/drawings/drawing1.xml']]);
  });

  it('reads a chart’s title and cached category names on its sheet', async () => {
    const bytes = buildXlsx({ sheets: [{ name: '统计', sheetData: '', chartXml: chartPart('各村低保人数', ['张家村', '李家村']) }] });
    const sut = await extractDocument(bytes, 'c.xlsx');
    expect(inPart(sut.pieces, 'sheet').map((p) => [p.text, p.location.field])).toEqual([
      ['各村低保人数', 'xl/charts/chart1.xml'],
      ['人数', 'xl/charts/chart1.xml'],
      ['张家村', 'xl/charts/chart1.xml'],
      ['李家村', 'xl/charts/chart1.xml'],
    ]);
  });

  it('reads no more sheets than maxParts and says so', async () => {
    const sheets = ['一', '二', '三'].map((name) => ({ name, sheetData: row(1, [inlineCell('A1', `表${name}`)]) }));
    const sut = await extractDocument(buildXlsx({ sheets }), 'm.xlsx', { limits: { maxParts: 2 } });
    expect(inPart(sut.pieces, 'sheet').map((p) => p.text)).toEqual(['表一', '表二']);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit' })]);
  });

  it('records a timed-out gap instead of reading sheets past the deadline', async () => {
    const sut = await extractDocument(personnelWorkbook(), 't.xlsx', { limits: { timeoutMs: -1 } });
    expect(inPart(sut.pieces, 'sheet')).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'timed-out', location: expect.objectContaining({ sheet: '公示名单' }) })]);
  });

  it('numbers cells that carry no reference from their position, as ECMA-376 allows', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 'S', sheetData: '<row><c t="inlineStr"><is><t>甲</t></is></c><c/><c><v>42</v></c></row><row><c t="inlineStr"><is><t>乙</t></is></c><c t="s"/></row>' }], sharedStrings: [si('不应出现')] });
    const sut = await extractDocument(bytes, 's.xlsx');
    expect(sut.pieces.filter((p) => p.location.part === 'sheet').map((p) => [p.location.cell, p.text])).toEqual([
      ['A1', '甲'],
      ['C1', '42'],
      ['A2', '乙'],
    ]);
  });

  it('decodes _xHHHH_ escapes of shared strings', async () => {
    const bytes = buildXlsx({ sharedStrings: [si('第一行_x000D_\n第二行'), si('a_x005F_x0041_b')], sheets: [{ name: 'S', sheetData: row(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>']) }] });
    const sut = await extractDocument(bytes, 's.xlsx');
    expect(sut.pieces.filter((p) => p.location.part === 'sheet').map((p) => p.text)).toEqual(['第一行\r\n第二行', 'a_x0041_b']);
  });

  it('reads the source data a pivot cache keeps', async () => {
    const bytes = buildXlsx({
      sheets: [{ name: '汇总', sheetData: row(1, [inlineCell('A1', '行标签')]) }],
      pivotCache: { source: '已删除的明细', fields: [{ name: '姓名', items: ['张三'] }, { name: '身份证号', items: [] }], records: [['张三', FULL_IDS[0]]] },
    });
    const sut = await extractDocument(bytes, 'p.xlsx');
    const cache = inPart(sut.pieces, 'hidden-text');
    expect(cache.map((p) => p.text)).toEqual(['姓名', '张三', '身份证号', FULL_IDS[0]]);
    expect(cache[3].location.field).toBe('xl/pivotCache/pivotCacheRecords1.xml');
  });

  it('reads a worksheet part the workbook no longer lists, as hidden-sheet', async () => {
    const leftover = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row(1, [inlineCell('A1', FULL_IDS[1])])}</sheetData></worksheet>`;
    const bytes = buildXlsx({ sheets: [{ name: 'S', sheetData: '' }], extra: { 'xl/worksheets/sheet7.xml': leftover } });
    const sut = await extractDocument(bytes, 's.xlsx');
    expect(inPart(sut.pieces, 'hidden-sheet')).toEqual([expect.objectContaining({ text: FULL_IDS[1], location: expect.objectContaining({ sheet: 'xl/worksheets/sheet7.xml', cell: 'A1' }) })]);
  });

  it('keeps the cells before a break in a damaged sheet and still reads the other sheets', async () => {
    const members = xlsxMembers({
      sheets: [
        { name: '坏表', sheetData: row(1, [inlineCell('A1', '可读')]) + row(2, [inlineCell('A2', '也可读')]) },
        { name: '好表', sheetData: row(1, [numberCell('A1', '13912345678')]) },
      ],
    });
    const sheet = new TextDecoder().decode(members['xl/worksheets/sheet1.xml']);
    members['xl/worksheets/sheet1.xml'] = strToU8(sheet.slice(0, sheet.indexOf('也可读') + 3));
    const sut = await extractDocument(zipSync(members), 'bad.xlsx');
    expect(sut.pieces.filter((p) => p.location.part === 'sheet').map((p) => p.text)).toEqual(['可读', '13912345678']);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: expect.objectContaining({ part: 'sheet', sheet: '坏表' }) })]);
  });

  it('stops a huge sheet at the character limit with an over-limit gap', async () => {
    const bytes = largeWorkbook(20_000);
    const t0 = Date.now();
    const sut = await extractDocument(bytes, 'big.xlsx', { limits: { maxChars: 5_000 } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    const chars = sut.pieces.reduce((n, p) => n + p.text.length, 0);
    expect(chars).toBeLessThanOrEqual(5_000);
    expect(chars).toBeGreaterThan(4_000);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit', location: expect.objectContaining({ sheet: '明细' }) })]);
  });

  it('reports a truncated file as damaged without throwing', async () => {
    const bytes = personnelWorkbook();
    const sut = await extractDocument(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut.xlsx');
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged', location: expect.objectContaining({ part: 'unreadable' }) })]);
  });

  it('stops a zip-bomb sheet (300 MB of spaces) as over-limit within seconds', async () => {
    const bytes = bombWorkbook(300);
    expect(bytes.length).toBeLessThan(2_000_000);
    expect(Object.keys(unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' }))).toEqual(['xl/workbook.xml']);
    const t0 = Date.now();
    const sut = await extractDocument(bytes, 'bomb.xlsx');
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit', location: expect.objectContaining({ part: 'sheet', sheet: 'Sheet1' }) })]);
  });
});
