import * as CFB from 'cfb';
import { extractDocument } from '../extract-document';
import { buildEncryptedOoxml, buildLegacyDoc, buildOleObject } from '../../test-fixtures/build/docx-fixtures';

describe('readLegacy', () => {
  it('reads a Word 97-2003 .doc with UTF-16 text, one piece per paragraph', async () => {
    const doc = buildLegacyDoc(['机密★10年', '关于做好安全生产工作的通知', '', '联系电话：0817-2222222']);

    const sut = await extractDocument(doc, '通知.doc');

    expect(sut.coverage.format).toBe('doc');
    expect(sut.pieces.filter((p) => p.location.part !== 'metadata')).toEqual([
      { text: '机密★10年', location: { file: '通知.doc', part: 'body', paragraph: 1 } },
      { text: '关于做好安全生产工作的通知', location: { file: '通知.doc', part: 'body', paragraph: 2 } },
      { text: '联系电话：0817-2222222', location: { file: '通知.doc', part: 'body', paragraph: 4 } },
    ]);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reads 8-bit (compressed) pieces as cp1252', async () => {
    const sut = await extractDocument(buildLegacyDoc(['Hotline 12345 \u00e9t\u00e9'], { compressed: true }), 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part === 'body').map((p) => p.text)).toEqual(['Hotline 12345 \u00e9t\u00e9']);
  });

  it('drops field instructions from the text and keeps the shown result', async () => {
    const doc = buildLegacyDoc(['第\u0013 PAGE \u00141\u0015页\u0007表格\u0007', '秘密\u0013 QUOTE "★" \u0014★\u00155年']);

    const sut = await extractDocument(doc, 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part !== 'metadata').map((p) => [p.location.part, p.text])).toEqual([
      ['body', '第1页'],
      ['body', '表格'],
      ['body', '秘密★5年'],
      ['hidden-text', 'QUOTE "★"'],
    ]);
  });

  it('reads the summary, document summary and custom properties', async () => {
    const sut = await extractDocument(buildLegacyDoc(['正文'], { title: '干部任免审批表', custom: { 密级: '机密', 保密期限: '10年' } }), 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part === 'metadata').map((p) => [p.location.field, p.text])).toEqual([
      ['dc:title', '干部任免审批表'],
      ['dc:creator', '张三'],
      ['Company', '某市人民政府办公室'],
      ['密级', '机密'],
      ['保密期限', '10年'],
    ]);
  });

  it('reports the pictures and embedded objects of a .doc as not examined', async () => {
    const sut = await extractDocument(buildLegacyDoc(['见附图'], { pictureAndObject: true }), 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part === 'body').map((p) => p.text)).toEqual(['见附图']);
    expect(sut.coverage.gaps.map((g) => [g.reason, g.location.part])).toEqual([
      ['unsupported', 'embedded'],
      ['unsupported', 'embedded'],
    ]);
  });

  it('reports a .doc with fEncrypted as encrypted', async () => {
    const sut = await extractDocument(buildLegacyDoc(['机密'], { encrypted: true }), 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part !== 'metadata')).toEqual([]);
    expect(sut.coverage.gaps).toEqual([{ location: { file: 'a.doc', part: 'unreadable' }, reason: 'encrypted', detail: '文件已加密（设置了打开密码），无法审查' }]);
  });

  it('reports a .doc whose piece table points past the text as damaged', async () => {
    const container = CFB.read(buildLegacyDoc(['正文']), { type: 'buffer' });
    const word = CFB.find(container, 'WordDocument');
    if (!word) throw new Error('fixture has no WordDocument');
    CFB.utils.cfb_del(container, '/WordDocument');
    CFB.utils.cfb_add(container, '/WordDocument', Uint8Array.from(word.content).subarray(0, 0x800));

    const sut = await extractDocument(new Uint8Array(CFB.write(container, { type: 'buffer' }) as Uint8Array), 'a.doc');

    expect(sut.pieces.filter((p) => p.location.part !== 'metadata')).toEqual([]);
    expect(sut.coverage.gaps.map((g) => g.reason)).toEqual(['damaged']);
  });

  it('reports a password-protected Office 2007+ file as encrypted', async () => {
    const sut = await extractDocument(buildEncryptedOoxml(), 'a.xlsx');

    expect(sut.coverage.gaps.map((g) => [g.reason, g.detail])).toEqual([['encrypted', '文件已加密（设置了打开密码），无法审查']]);
  });

  it('reports .xls and .ppt as unsupported, asking for the original or the new format', async () => {
    const xls = await extractDocument(buildOleObject({ Workbook: new Uint8Array(512) }), 'a.xls');
    const ppt = await extractDocument(buildOleObject({ 'PowerPoint Document': new Uint8Array(512) }), 'a.ppt');

    expect(xls.coverage.gaps.map((g) => [g.reason, g.detail])).toEqual([['unsupported', '旧版 Excel（.xls）文件暂不能自动审查，请人工查看原件或要求提交 .xlsx']]);
    expect(ppt.coverage.gaps.map((g) => [g.reason, g.detail])).toEqual([['unsupported', '旧版 PowerPoint（.ppt）文件暂不能自动审查，请人工查看原件或要求提交 .pptx']]);
  });
});
