import type { Location, OcrEngine } from '@clearance/documents';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from './cli';

/** Tests run without Tesseract unless they bring an engine of their own. */
async function run(argv: string[], stdin: string | Uint8Array = '', ocr: OcrEngine | null = null): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, ocr });
  return { code, out, err };
}

describe('scan CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scan-cli-'));
  const file = (name: string, content: string | Uint8Array): string => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('exits 0 on a clean text from stdin', async () => {
    const sut = await run([], '确保公开的信息不涉密，涉密的信息不公开。');
    expect(sut.code).toBe(0);
    expect(sut.out).toMatch(/^stdin: PASS \(0 hits/);
  });

  it('exits 2 on a marking and prints line, column and highlighted context', async () => {
    const sut = await run([file('a.txt', '通知\n正文 机密★10年 其余')]);
    expect(sut.code).toBe(2);
    expect(sut.out).toContain('BLOCK');
    expect(sut.out).toContain('2:4  block  classified-marking  机密★10年');
    expect(sut.out).toContain('正文 >>机密★10年<< 其余');
  });

  it('exits 1 on personal information and prints the masking suggestion', async () => {
    const sut = await run([file('b.txt', '联系人手机13800138000')]);
    expect(sut.code).toBe(1);
    expect(sut.out).toContain('138****8000');
  });

  it('reads .html files as HTML and prints JSON with --format json', async () => {
    const sut = await run(['--format', 'json', file('c.html', '<p>秘密&starf;启用前</p>')]);
    expect(sut.code).toBe(2);
    const result = JSON.parse(sut.out) as { verdict: string; hits: Array<{ text: string; plainStart: number }> };
    expect(result.verdict).toBe('block');
    expect(result.hits[0].text).toBe('秘密&starf;启用前');
    expect(result.hits[0].plainStart).toBe(0);
  });

  it('adds --lexicon files and reports their errors as file:line', async () => {
    const lex = file('extra.tsv', '# extra\n测试禁词\tsensitive-term\tblock\n');
    expect((await run(['--lexicon', lex], '这里有测试禁词。')).code).toBe(2);
    const broken = file('broken.tsv', '好词\tsensitive-term\tblock\n坏词\tno-such\tblock\n');
    const sut = await run(['--lexicon', broken], 'x');
    expect(sut.code).toBe(3);
    expect(sut.err).toContain(`${broken}:2: unknown category "no-such"`);
  });

  it('names a missing file and an unknown option', async () => {
    const missing = await run([path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no such file: ');
    const unknown = await run(['--frobnicate']);
    expect(unknown.code).toBe(3);
    expect(unknown.err).toContain('unknown option: --frobnicate');
  });

  it('streams --jsonl, reports bad lines on stderr and goes on', async () => {
    const input = [
      JSON.stringify({ id: 1, text: '公开信息' }),
      '{not json',
      JSON.stringify({ id: 2, html: '<p>手机 138 0013 8000</p>' }),
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4, text: '绝密★长期' }),
    ].join('\n');
    const sut = await run(['--jsonl'], input);
    const lines = sut.out.trim().split('\n').map((l) => JSON.parse(l) as { id: number; verdict: string });
    expect(lines.map((l) => [l.id, l.verdict])).toEqual([
      [1, 'pass'],
      [2, 'review'],
      [4, 'block'],
    ]);
    expect(sut.err).toContain('line 2: not JSON');
    expect(sut.err).toContain('line 4: expected an object');
    expect(sut.code).toBe(3);
  });

  it('exits with the worst verdict of a clean --jsonl run', async () => {
    const sut = await run(['--jsonl', file('in.jsonl', `${JSON.stringify({ id: 'a', text: '内部资料 注意保存' })}\n`)]);
    expect(sut.code).toBe(1);
  });

  describe('files read as documents', () => {
    const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>';
    const rels = (...targets: Array<[string, string]>): string =>
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      targets.map(([type, target], k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('') +
      '</Relationships>';
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const paragraph = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const docx = zipSync({
      '[Content_Types].xml': strToU8(CT),
      '_rels/.rels': strToU8(rels(['officeDocument', 'word/document.xml'])),
      'word/document.xml': strToU8(`<w:document ${W}><w:body>${paragraph('关于某事项的通知')}<w:p><w:r><w:t>机密</w:t></w:r><w:r><w:t>★10年</w:t></w:r></w:p>${paragraph('正文')}</w:body></w:document>`),
      'word/_rels/document.xml.rels': strToU8(rels(['comments', 'comments.xml'])),
      'word/comments.xml': strToU8(`<w:comments ${W}><w:comment w:id="0" w:author="李科员">${paragraph('联系人13800138000')}</w:comment></w:comments>`),
    });
    const cells = (row: number, ...texts: string[]): string =>
      `<row r="${row}">${texts.map((t, k) => `<c r="${String.fromCharCode(65 + k)}${row}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`;
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8(CT),
      '_rels/.rels': strToU8(rels(['officeDocument', 'xl/workbook.xml'])),
      'xl/workbook.xml': strToU8(`<workbook ${S}><sheets><sheet name="汇总" sheetId="1" r:id="rId1"/><sheet name="原始数据" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(rels(['worksheet', 'worksheets/sheet1.xml'], ['worksheet', 'worksheets/sheet2.xml'])),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet ${S}><sheetData>${cells(1, '合计', '42')}</sheetData></worksheet>`),
      'xl/worksheets/sheet2.xml': strToU8(`<worksheet ${S}><sheetData>${cells(2, '张三', '13800138000')}</sheetData></worksheet>`),
    });
    type JsonHit = { ruleId: string; severity: string; location?: Location; text: string };
    type JsonResult = { file: string; verdict: string; hits: JsonHit[]; coverage: { format: string; gaps: Array<{ reason: string }> } | null };

    it('recognises a Word file by its bytes, whatever its name, and prints each hit with its place in Chinese', async () => {
      const sut = await run([file('notice.bin', docx)]);
      expect(sut.code).toBe(2);
      expect(sut.out).toContain('文件格式 docx');
      expect(sut.out).toContain('正文第2段  block  classified-marking  机密★10年');
      expect(sut.out).toContain('批注（李科员）  review mobile  13800138000');
      expect(sut.out).toContain('批注（李科员）  review hidden-content  联系人13800138000');
      expect(sut.out).toContain('关于某事项的通知 >>机密★10年<< 正文');
    });

    it('finds a mobile in a hidden sheet: review, located at its cell, in JSON with the coverage', async () => {
      const text = await run([file('data.xlsx', xlsx)]);
      expect(text.code).toBe(1);
      expect(text.out).toContain('工作表“原始数据”（隐藏）B2  review mobile  13800138000');
      const sut = await run(['--format', 'json', file('data.xlsx', xlsx)]);
      const result = JSON.parse(sut.out) as JsonResult;
      expect(result.verdict).toBe('review');
      expect(result.coverage?.format).toBe('xlsx');
      expect(result.hits.map((h) => [h.ruleId, h.location])).toEqual([
        ['mobile', { file: 'data.xlsx', part: 'hidden-sheet', sheet: '原始数据', cell: 'B2' }],
        ['hidden-content', { file: 'data.xlsx', part: 'hidden-sheet', sheet: '原始数据', cell: 'A2' }],
      ]);
    });

    it('reads the members of a zip, and reports a truncated zip as not examined: review, never pass', async () => {
      const bundle = zipSync({ 'a.txt': strToU8('通知\n绝密★长期\n') });
      const ok = await run([file('bundle.zip', bundle)]);
      expect(ok.code).toBe(2);
      expect(ok.out).toContain('嵌入文件 a.txt › 正文第2段  block  classified-marking  绝密★长期');
      const truncated = await run(['--format', 'json', file('cut.zip', bundle.subarray(0, bundle.length - 10))]);
      expect(truncated.code).toBe(1);
      const result = JSON.parse(truncated.out) as JsonResult;
      expect(result.coverage?.gaps.map((g) => g.reason)).toEqual(['damaged']);
      expect(result.hits).toHaveLength(1);
      expect(result.hits[0]).toMatchObject({ ruleId: 'coverage:damaged', severity: 'review', location: { file: 'cut.zip', part: 'unreadable' } });
      expect((await run([file('cut.zip', bundle.subarray(0, bundle.length - 10))])).out).toContain('文件（未能读取）  review coverage:damaged');
    });

    it('reads images by OCR when an engine is there, tolerating a misread ★, and says so when none is', async () => {
      // A PNG header is all the image reader looks at before OCR; the engine answers as Tesseract reads a ★.
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
      const engine: OcrEngine = { available: async () => true, recognize: async () => '机密女10年\n' };
      const sut = await run([file('scan.png', png)], '', engine);
      expect(sut.code).toBe(2);
      expect(sut.out).toContain('图片识别文字  block  ocr-marking  机密女10年');
      const none = await run(['--no-ocr', file('scan.png', png)], '', engine);
      expect(none.code).toBe(1);
      expect(none.out).toContain('review coverage:ocr-unavailable');
    });

    it('prints hits in the hidden places of an HTML page with their place', async () => {
      const sut = await run([file('page.html', '<p>公开信息</p><!-- 机密★10年 --><a href="/f?sfz=11010519491231002X">下载</a>')]);
      expect(sut.code).toBe(2);
      expect(sut.out).toContain('1:17 网页注释  block  classified-marking  机密★10年');
      expect(sut.out).toContain('网页属性“href”  review resident-id  11010519491231002X');
    });

    it('takes base64 attachments on --jsonl lines and reports each attachment', async () => {
      const line = JSON.stringify({ id: 'x', text: '正文', attachments: [{ filename: 'data.xlsx', data: Buffer.from(xlsx).toString('base64') }] });
      const sut = await run(['--jsonl'], `${line}\n${JSON.stringify({ id: 'y', text: 'a', attachments: [{ filename: 1 }] })}\n`);
      const [out] = sut.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; verdict: string; hits: JsonHit[]; attachments: Array<{ filename: string; verdict: string }> });
      expect(out.verdict).toBe('review');
      expect(out.attachments).toEqual([expect.objectContaining({ filename: 'data.xlsx', verdict: 'review' })]);
      expect(out.hits[0]).toMatchObject({ ruleId: 'mobile', field: 'attachment', attachment: 0 });
      expect(sut.err).toContain('line 2: "attachments" must be a list');
      expect(sut.code).toBe(3);
    });
  });
});
