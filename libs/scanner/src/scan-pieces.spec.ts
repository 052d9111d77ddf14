import type { CoverageGap, ExtractedDocument, Location, TextPiece } from '@clearance/documents';
import { extractText } from './extract/extracted-text';
import { Scanner } from './scanner';
import type { Hit } from './types';

const doc = (pieces: TextPiece[], gaps: CoverageGap[] = []): ExtractedDocument => ({
  pieces,
  coverage: { file: 'a', format: 'xlsx', bytes: 1, examined: [], gaps, durationMs: 0 },
});
const cell = (sheet: string, ref: string, text: string, separator?: string): TextPiece => ({
  text,
  location: { file: 'a.xlsx', part: 'sheet', sheet, cell: ref },
  ...(separator === undefined ? {} : { separator }),
});
const rules = (hits: Hit[]): string[] => hits.map((h) => h.ruleId);

describe('Scanner: attachments', () => {
  const sut = Scanner.create({ keywords: 0 });
  const scan = (document: ExtractedDocument, body = ''): ReturnType<Scanner['scan']> => sut.scan({ body, attachments: [{ filename: 'a.xlsx', document }] });

  it('reports a hit in text a tracked change kept once, for the body, and what only the change holds in its view', () => {
    const at = (part: Location['part'], text: string, author?: string): TextPiece => ({
      text,
      location: { file: 'a.docx', part, paragraph: 1, ...(author ? { author } : {}) },
    });
    const result = scan(doc([at('body', '联系电话13812345678，10年'), at('tracked-deletion', '联系电话13812345678，机密★10年', '李科员')]));
    expect(result.hits.filter((h) => h.ruleId === 'mobile').map((h) => h.location?.part)).toEqual(['body']);
    expect(result.hits.filter((h) => h.ruleId === 'classified-marking').map((h) => [h.location?.part, h.location?.author])).toEqual([['tracked-deletion', '李科员']]);
    expect(rules(result.hits)).toContain('hidden-content');
  });

  it('does not flag field instructions or alt text as hidden content, but still scans them', () => {
    const at = (field: string, text: string): TextPiece => ({ text, location: { file: 'a.docx', part: 'hidden-text', field } });
    const plain = scan(doc([at('instrText', 'HYPERLINK "https://www.gov.cn/zhengce/"'), at('descr', '单位标志')]));
    expect(plain.hits).toEqual([]);
    const id = scan(doc([at('instrText', 'HYPERLINK "https://x.gov.cn/f?sfz=11010519491231002X"')]));
    expect(rules(id.hits)).toEqual(['resident-id']);
  });

  it('scans the cells of a sheet as one text and locates a hit at the cell it is in', () => {
    const result = scan(doc([cell('名单', 'A1', '张三'), cell('名单', 'B1', '男', '\t'), cell('名单', 'C1', '13800138000', '\t'), cell('名单', 'A2', '李四', '\n')]));
    expect(result.attachments[0].parts).toEqual([{ location: { file: 'a.xlsx', part: 'sheet', sheet: '名单' }, text: '张三\t男\t13800138000\n李四' }]);
    const [hit] = result.hits;
    expect(hit).toMatchObject({ ruleId: 'mobile', field: 'attachment', attachment: 0, partIndex: 0, text: '13800138000', location: { file: 'a.xlsx', part: 'sheet', sheet: '名单', cell: 'C1' } });
    expect(result.attachments[0].parts[0].text.slice(hit.start, hit.end)).toBe(hit.text);
    expect(result.verdict).toBe('review');
    expect(result.attachments[0].verdict).toBe('review');
  });

  it('judges a marking split over two cells of a row, or two lines of a page, as in the body', () => {
    const split = scan(doc([cell('S', 'A1', '机密'), cell('S', 'B1', '★10年', '\t')]));
    expect(split.verdict).toBe('block');
    expect(split.hits[0]).toMatchObject({ ruleId: 'classified-marking', location: { cell: 'A1' }, text: '机密\t★10年' });
    const page = (n: number, paragraph: number, text: string): TextPiece => ({ text, location: { file: 'a.pdf', part: 'body', page: n, paragraph } });
    const lines = scan(doc([page(1, 1, '秘密'), page(1, 2, '★1年'), page(2, 1, '保障信息机密'), page(3, 1, '★5年')]));
    expect(lines.attachments[0].parts.map((p) => [p.location.page, p.text])).toEqual([[1, '秘密\n★1年'], [2, '保障信息机密'], [3, '★5年']]);
    expect(lines.hits.filter((h) => h.severity === 'block').map((h) => [h.location?.page, h.text])).toEqual([[1, '秘密\n★1年']]);
  });

  it('groups inside embedded files too, keeping the exact location of each piece', () => {
    const inner = (ref: string, text: string): TextPiece => ({ text, separator: '\t', location: { file: 'a.zip', part: 'embedded', field: 'x.xlsx', inner: { file: 'x.xlsx', part: 'sheet', sheet: 'S', cell: ref } } });
    const result = scan(doc([inner('A1', '身份证'), inner('B1', '11010519491231002X')]));
    expect(result.attachments[0].parts).toHaveLength(1);
    expect(result.hits[0].location).toEqual({ file: 'a.zip', part: 'embedded', field: 'x.xlsx', inner: { file: 'x.xlsx', part: 'sheet', sheet: 'S', cell: 'B1' } });
  });

  it('turns every coverage gap into a not-examined hit: review, never pass', () => {
    const gaps: CoverageGap[] = [
      { location: { file: 'a.xlsx', part: 'unreadable' }, reason: 'encrypted', detail: '文件已加密' },
      { location: { file: 'a.zip', part: 'embedded', field: 'x.pdf', inner: { file: 'x.pdf', part: 'body', page: 3 } }, reason: 'ocr-unavailable', detail: '扫描页未识别' },
    ];
    const result = scan(doc([], gaps));
    expect(result.verdict).toBe('review');
    expect(result.attachments[0].verdict).toBe('review');
    expect(result.hits.map((h) => [h.ruleId, h.category, h.severity, h.field, h.attachment, h.text, h.context])).toEqual([
      ['coverage:encrypted', 'not-examined', 'review', 'attachment', 0, '', '文件已加密'],
      ['coverage:ocr-unavailable', 'not-examined', 'review', 'attachment', 0, '', '扫描页未识别'],
    ]);
    expect(result.hits[0].location).toEqual({ file: 'a.xlsx', part: 'unreadable' });
    expect(result.hits[1].location).toEqual({ file: 'a.zip', part: 'embedded', field: 'x.pdf', inner: { file: 'x.pdf', part: 'unreadable', page: 3 } });
    expect(result.hits[0].reason).toMatch(/已加密.*人工阅读原件/);
    expect(result.hits[1].reason).toContain('未安装文字识别');
    expect(result.hits[0].partIndex).toBeUndefined();
  });

  it('passes an empty file: nothing to read and nothing missed', () => {
    const result = scan(doc([]));
    expect(result.verdict).toBe('pass');
    expect(result.attachments).toEqual([{ filename: 'a.xlsx', verdict: 'pass', coverage: doc([]).coverage, parts: [] }]);
    expect(sut.scan({ body: '正文' }).attachments).toEqual([]);
  });

  it('raises one hidden-content hit per kind of hidden place, at its first piece, even when no rule fires', () => {
    const at = (part: Location['part'], text: string, author?: string): TextPiece => ({ text, location: { file: 'a.docx', part, ...(author ? { author } : {}) } });
    const result = scan(
      doc([
        at('body', '正文'),
        at('comment', '   '),
        at('comment', '请再核实', '李科员'),
        at('body', '正文二'),
        at('comment', '第二条批注', '王科长'),
        at('tracked-deletion', '删掉的话'),
        at('metadata', '作者 张三'),
        at('hidden-text', '隐去的一句'),
        at('notes', '讲稿备注'),
      ]),
    );
    const hidden = result.hits.filter((h) => h.category === 'hidden-content');
    expect(hidden.map((h) => [h.location?.part, h.text, h.severity])).toEqual([
      ['comment', '请再核实', 'review'],
      ['tracked-deletion', '删掉的话', 'review'],
      ['hidden-text', '隐去的一句', 'review'],
      ['notes', '讲稿备注', 'review'],
    ]);
    expect(hidden[0].location).toEqual({ file: 'a.docx', part: 'comment', author: '李科员' });
    expect(hidden[0].reason).toMatch(/^附件含有批注，.*发布后仍可.*读取，请删除或确认/);
    const part = result.attachments[0].parts[hidden[0].partIndex!];
    expect(part.text.slice(hidden[0].start, hidden[0].end)).toBe('请再核实');
    expect(result.verdict).toBe('review');
  });

  it('scans each attachment on its own and the verdict covers all of them', () => {
    const clean = doc([cell('S', 'A1', '公开数据')]);
    const marked = doc([cell('S', 'A1', '绝密★长期')]);
    const result = sut.scan({ title: '标题', body: '正文', attachments: [{ filename: 'clean.xlsx', document: clean }, { filename: 'marked.xlsx', document: marked }] });
    expect(result.attachments.map((a) => [a.filename, a.verdict])).toEqual([['clean.xlsx', 'pass'], ['marked.xlsx', 'block']]);
    expect(result.hits.map((h) => [h.attachment, h.ruleId])).toEqual([[1, 'classified-marking']]);
    expect(result.verdict).toBe('block');
  });

  it('reads OCR text with the OCR-tolerant marking rule, and ordinary text without it', () => {
    const ocr = (text: string): ExtractedDocument => doc([{ text, location: { file: 'scan.png', part: 'ocr' } }]);
    expect(rules(scan(ocr('机密妇10年')).hits)).toEqual(['ocr-marking']);
    expect(scan(ocr('机密妇10年')).verdict).toBe('block');
    expect(rules(scan(ocr('机 密 ★ 1 0 年')).hits)).toEqual(['classified-marking']);
    expect(rules(scan(doc([{ text: '机密妇10年', location: { file: 'a.docx', part: 'body' } }])).hits)).toEqual([]);
    expect(rules(sut.scan({ body: '机密妇10年' }).hits)).toEqual([]);
    const inDocx: TextPiece = { text: '秘密大6个月', location: { file: 'a.docx', part: 'embedded', field: 'image1.png', inner: { file: 'image1.png', part: 'ocr' } } };
    expect(rules(scan(doc([inDocx])).hits)).toEqual(['ocr-marking']);
  });
});

describe('Scanner: hidden places of an HTML body', () => {
  const sut = Scanner.create({ keywords: 0 });
  const scanHtml = (body: string): ReturnType<Scanner['scan']> => sut.scan({ body, format: 'html' });
  const located = (body: string, hit: Hit): void => {
    expect(body.slice(hit.start, hit.end)).toBe(hit.text);
    expect(hit.plainStart).toBeUndefined();
    expect(hit.plainEnd).toBeUndefined();
  };

  it('blocks a marking in a comment, located html-comment, with a hidden-content hit', () => {
    const body = '<p>公开信息</p><!-- 机密★10年 -->';
    const result = scanHtml(body);
    expect(result.verdict).toBe('block');
    const [marking, hidden] = result.hits;
    expect(marking).toMatchObject({ ruleId: 'classified-marking', field: 'body', text: '机密★10年', location: { file: '', part: 'html-comment' } });
    located(body, marking);
    expect(hidden).toMatchObject({ ruleId: 'hidden-content', category: 'hidden-content', severity: 'review', location: { file: '', part: 'html-comment' } });
    expect(hidden.reason).toMatch(/^正文含有网页注释/);
    located(body, hidden);
  });

  it('reads meta content and script text', () => {
    const body = '<meta name="author" content="联系人13800138000"><script>var level = "机密★10年";</script><p>正文</p>';
    const result = scanHtml(body);
    expect(result.hits.map((h) => [h.ruleId, h.location])).toEqual([
      ['mobile', { file: '', part: 'html-attribute', field: 'content' }],
      ['classified-marking', { file: '', part: 'script', field: 'script' }],
    ]);
    for (const h of result.hits) located(body, h);
    expect(result.verdict).toBe('block');
  });

  it('sees an ID in a link, percent-encoded or not: review, located at the href', () => {
    for (const body of ['<a href="/f?sfz=11010519491231002X">下载</a>', '<a href="/f?sfz=%31%31%30%31%30%35%31%39%34%39%31%32%33%31%30%30%32%58">下载</a>']) {
      const result = scanHtml(body);
      expect(result.verdict).toBe('review');
      expect(result.hits).toHaveLength(1);
      expect(result.hits[0]).toMatchObject({ ruleId: 'resident-id', normalized: '11010519491231002x', location: { file: '', part: 'html-attribute', field: 'href' } });
      located(body, result.hits[0]);
    }
  });

  it('reviews a hidden element holding a mobile, and takes its text out of the visible text', () => {
    const body = '<p>办事指南</p><div style="display:none">经办人手机13800138000</div><p>咨询电话12345</p>';
    const result = scanHtml(body);
    expect(result.hits.map((h) => [h.ruleId, h.severity, h.location?.part])).toEqual([
      ['mobile', 'review', 'html-hidden'],
      ['hidden-content', 'review', 'html-hidden'],
    ]);
    for (const h of result.hits) located(body, h);
    expect(extractText(body, 'html').text).toBe('办事指南\n咨询电话12345\n');
  });

  it('leaves visible hits as they were: plain offsets, no location', () => {
    const body = '<div title="x">正文<p>机<b>密</b>&#9733;10年</p></div><!--StartFragment-->';
    const result = scanHtml(body);
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0].location).toBeUndefined();
    expect(extractText(body, 'html').text.slice(result.hits[0].plainStart, result.hits[0].plainEnd)).toBe('机密★10年');
  });
});
