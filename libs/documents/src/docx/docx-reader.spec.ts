import { strToU8, unzipSync } from 'fflate';
import { extractDocument } from '../extract-document';
import type { TextPiece } from '../types';
import {
  buildDocx,
  buildEncryptedOoxml,
  buildOle10Native,
  buildOleObject,
  editPackage,
  toStrict,
  deleted,
  inserted,
  para,
  run,
  textBox,
  textPara,
} from '../../test-fixtures/build/docx-fixtures';

const inPart = (pieces: TextPiece[], part: string): TextPiece[] => pieces.filter((p) => p.location.part === part);
const texts = (pieces: TextPiece[]): string[] => pieces.map((p) => p.text);
/** Every piece but the document properties the fixture always has (creator, last modified by). */
const content = (pieces: TextPiece[]): TextPiece[] => pieces.filter((p) => p.location.part !== 'metadata');

describe('readDocx', () => {
  it('reads a marking in the header as part header, with the header part named', async () => {
    const docx = buildDocx({ headers: { 'header1.xml': textPara('机密★10年') }, body: textPara('关于做好春节期间安全生产工作的通知') });

    const sut = await extractDocument(docx, '通知.docx');

    expect(sut.coverage.format).toBe('docx');
    expect(inPart(sut.pieces, 'header')).toEqual([
      { text: '机密★10年', location: { file: '通知.docx', part: 'header', paragraph: 1, field: 'word/header1.xml' } },
    ]);
    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['关于做好春节期间安全生产工作的通知']);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reads first-page headers and every footer the document relates', async () => {
    const docx = buildDocx({
      headers: { 'header1.xml': textPara('默认页眉'), 'header2.xml': textPara('秘密★6个月') },
      footers: { 'footer1.xml': textPara('第 1 页') },
      body: textPara('正文'),
    });

    const sut = await extractDocument(docx, 'a.docx');

    expect(inPart(sut.pieces, 'header').map((p) => [p.text, p.location.field])).toEqual([
      ['默认页眉', 'word/header1.xml'],
      ['秘密★6个月', 'word/header2.xml'],
    ]);
    expect(texts(inPart(sut.pieces, 'footer'))).toEqual(['第 1 页']);
  });

  it('joins a marking Word split over four runs with a proofErr and a bookmark between them', async () => {
    const body = para(
      run('机', '<w:rFonts w:hint="eastAsia"/><w:b/>') +
        '<w:proofErr w:type="spellStart"/>' +
        run('密', '<w:rFonts w:hint="eastAsia"/><w:b/>') +
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/>' +
        run('★', '<w:rFonts w:ascii="宋体" w:hAnsi="宋体"/>') +
        '<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>' +
        run('10年', '<w:rFonts w:hint="eastAsia"/>'),
    );

    const sut = await extractDocument(buildDocx({ body: textPara('标题') + body }), 'a.docx');

    expect(inPart(sut.pieces, 'body')).toEqual([
      { text: '标题', location: { file: 'a.docx', part: 'body', paragraph: 1 } },
      { text: '机密★10年', location: { file: 'a.docx', part: 'body', paragraph: 2 } },
    ]);
  });

  it('reads a marking that survives only in a tracked deletion, with its author', async () => {
    const body = para(deleted('秘密★5年', '王科长')) + textPara('各区县人民政府：');

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(inPart(sut.pieces, 'tracked-deletion')).toEqual([
      { text: '秘密★5年', location: { file: 'a.docx', part: 'tracked-deletion', paragraph: 1, author: '王科长' } },
    ]);
    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['各区县人民政府：']);
  });

  it('reads a deletion in mid-paragraph as the paragraph read before the change', async () => {
    const body = para(run('文件密级：') + deleted('机密★', '王科长') + run('10年'));

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['文件密级：10年']);
    expect(inPart(sut.pieces, 'tracked-deletion').map((p) => [p.text, p.location.author])).toEqual([['文件密级：机密★10年', '王科长']]);
  });

  it('reads an insertion as the paragraph read after the change, and a move-from as a deletion', async () => {
    const body =
      para(run('机密') + inserted(run('★10年'), '赵主任')) +
      para(`<w:moveFrom w:id="5" w:author="钱秘书" w:date="2024-03-01T10:00:00Z">${run('内部资料 注意保存')}</w:moveFrom>`);

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(inPart(sut.pieces, 'tracked-insertion').map((p) => [p.text, p.location.author])).toEqual([['机密★10年', '赵主任']]);
    expect(inPart(sut.pieces, 'tracked-deletion').map((p) => [p.text, p.location.author, p.location.paragraph])).toEqual([
      ['内部资料 注意保存', '钱秘书', 2],
    ]);
  });

  it('reads a comment with an ID number as part comment with its author', async () => {
    const comments = { 0: { author: '审核员', paragraphs: para('<w:r><w:annotationRef/></w:r>' + run('申请人身份证号 511302199001011237 请核实')) } };
    const body = para('<w:commentRangeStart w:id="0"/>' + run('申请人信息') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>');

    const sut = await extractDocument(buildDocx({ body, comments }), 'a.docx');

    expect(inPart(sut.pieces, 'comment')).toEqual([
      { text: '申请人身份证号 511302199001011237 请核实', location: { file: 'a.docx', part: 'comment', paragraph: 1, author: '审核员' } },
    ]);
  });

  it('reads footnotes and skips the separator notes', async () => {
    const footnotes = { 1: para('<w:r><w:footnoteRef/></w:r>' + run(' 联系人手机 13912345678')) };
    const body = para(run('见注释') + '<w:r><w:footnoteReference w:id="1"/></w:r>');

    const sut = await extractDocument(buildDocx({ body, footnotes }), 'a.docx');

    expect(inPart(sut.pieces, 'footnote')).toEqual([
      { text: ' 联系人手机 13912345678', location: { file: 'a.docx', part: 'footnote', paragraph: 1 } },
    ]);
  });

  it('reads text hidden with w:vanish or a hiding character style as part hidden-text', async () => {
    const body =
      para(run('联系电话：') + run('13800138000', '<w:vanish/>')) +
      para(run('备注', '<w:rStyle w:val="HiddenNote"/>')) +
      para(run('显示', '<w:rStyle w:val="HiddenNote"/><w:vanish w:val="0"/>'));

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['联系电话：', '显示']);
    expect(inPart(sut.pieces, 'hidden-text').map((p) => [p.text, p.location.paragraph])).toEqual([
      ['联系电话：13800138000', 1],
      ['备注', 2],
    ]);
  });

  it('ignores w:vanish in the formatting a tracked format change replaced', async () => {
    const rPr = '<w:b/><w:rPrChange w:id="9" w:author="王" w:date="2024-03-01T10:00:00Z"><w:rPr><w:vanish/></w:rPr></w:rPrChange>';

    const sut = await extractDocument(buildDocx({ body: para(run('可见文字', rPr)) }), 'a.docx');

    expect(texts(content(sut.pieces))).toEqual(['可见文字']);
  });

  it('reads a text box inside mc:AlternateContent once, after its anchor paragraph', async () => {
    const body = para(run('红头文件') + textBox(textPara('机密★1年'))) + textPara('下一段');

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(inPart(sut.pieces, 'body').map((p) => [p.text, p.location.paragraph])).toEqual([
      ['红头文件', 1],
      ['机密★1年', 2],
      ['下一段', 3],
    ]);
  });

  it('reads the VML fallback when an AlternateContent has no choice', async () => {
    const body = para(`<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${textPara('仅有回退')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`);

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(texts(content(sut.pieces))).toEqual(['仅有回退']);
  });

  it('reads tables cell by cell, a cell after the first joined by a tab', async () => {
    const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${textPara(text)}</w:tc>`;
    const body = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>${cell('姓名')}${cell('电话')}</w:tr><w:tr>${cell('张三')}${cell('0817-2222222')}</w:tr></w:tbl>`;

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(content(sut.pieces).map((p) => [p.text, p.location.paragraph, p.separator])).toEqual([
      ['姓名', 1, undefined],
      ['电话', 2, '\t'],
      ['张三', 3, undefined],
      ['0817-2222222', 4, '\t'],
    ]);
  });

  it('reads tabs, breaks, symbols, non-breaking hyphens, hyperlinks, content controls and smart tags in line', async () => {
    const body = para(
      `<w:hyperlink r:id="rId99" w:history="1">${run('市政府网站')}</w:hyperlink>` +
        '<w:r><w:tab/></w:r>' +
        `<w:sdt><w:sdtPr><w:alias w:val="密级"/><w:tag w:val="level"/></w:sdtPr><w:sdtContent>${run('机密')}</w:sdtContent></w:sdt>` +
        '<w:r><w:sym w:font="Wingdings" w:char="F0AB"/></w:r>' +
        `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate"><w:smartTagPr><w:attr w:name="Year" w:val="2030"/></w:smartTagPr>${run('10年')}</w:smartTag>` +
        '<w:r><w:br/><w:t>0817</w:t><w:noBreakHyphen/><w:t>2222222</w:t><w:softHyphen/></w:r>',
    );

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(texts(content(sut.pieces))).toEqual(['市政府网站\t机密★10年\n0817-2222222']);
  });

  it('keeps field results in the text and a content-bearing field instruction apart as hidden text', async () => {
    const body = para(
      run('机密★') +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY  "保密期限"  \\* MERGEFORMAT </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
        run('10年') +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        `<w:fldSimple w:instr=" PAGE   \\* MERGEFORMAT ">${run('1')}</w:fldSimple>`,
    );

    const sut = await extractDocument(buildDocx({ body }), 'a.docx');

    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['机密★10年1']);
    expect(inPart(sut.pieces, 'hidden-text').map((p) => [p.text, p.location.field])).toEqual([['DOCPROPERTY  "保密期限"  \\* MERGEFORMAT', 'instrText']]);
  });

  it('reads document properties, including a custom property by its name', async () => {
    const docx = buildDocx({
      body: textPara('正文'),
      core: { title: '2024年工作要点', keywords: '内部 征求意见稿' },
      company: '某市人民政府办公室',
      custom: { 密级: '秘密', 保密期限: '5年' },
    });

    const sut = await extractDocument(docx, 'a.docx');

    expect(inPart(sut.pieces, 'metadata').map((p) => [p.location.field, p.text])).toEqual([
      ['dc:title', '2024年工作要点'],
      ['dc:creator', '张三'],
      ['cp:keywords', '内部 征求意见稿'],
      ['cp:lastModifiedBy', '李四'],
      ['Company', '某市人民政府办公室'],
      ['密级', '秘密'],
      ['保密期限', '5年'],
    ]);
  });

  it('reads an embedded file under word/embeddings as nested pieces', async () => {
    const inner = buildDocx({ body: textPara('附件：秘密★启用前') });
    const docx = buildDocx({ body: textPara('见附件'), embeddings: { 'note.txt': strToU8('联系人 13912345678'), 'Microsoft_Word_Document.docx': inner } });

    const sut = await extractDocument(docx, 'a.docx');

    const embedded = inPart(sut.pieces, 'embedded');
    expect(embedded.map((p) => [p.location.field, p.text, p.location.inner?.part, p.location.inner?.file])).toEqual(
      expect.arrayContaining([
        ['word/embeddings/note.txt', '联系人 13912345678', 'body', 'word/embeddings/note.txt'],
        ['word/embeddings/Microsoft_Word_Document.docx', '附件：秘密★启用前', 'body', 'word/embeddings/Microsoft_Word_Document.docx'],
      ]),
    );
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('unwraps an OLE package object (Ole10Native) and reads the file inside', async () => {
    const gbkName = Uint8Array.from([0xc3, 0xfb, 0xb5, 0xa5, ...strToU8('.txt')]);
    const ole = buildOle10Native(strToU8('张三 13912345678'), gbkName);

    const sut = await extractDocument(buildDocx({ body: textPara('见附件'), embeddings: { 'oleObject1.bin': ole } }), 'a.docx');

    expect(inPart(sut.pieces, 'embedded').map((p) => [p.text, p.location.field, p.location.inner?.file])).toEqual([
      ['张三 13912345678', 'word/embeddings/oleObject1.bin', '名单.txt'],
    ]);
  });

  it('reports an OLE object it cannot unwrap as unsupported', async () => {
    const sut = await extractDocument(buildDocx({ body: textPara('公式'), embeddings: { 'oleObject1.bin': buildOleObject({ 'Equation Native': new Uint8Array(64) }) } }), 'a.docx');

    expect(sut.coverage.gaps.map((g) => [g.reason, g.location.field])).toEqual([['unsupported', 'word/embeddings/oleObject1.bin']]);
  });

  it('reports a truncated docx as damaged without throwing', async () => {
    const docx = buildDocx({ body: textPara('机密★10年'.repeat(200)) });

    const sut = await extractDocument(docx.subarray(0, Math.floor(docx.length / 2)), 'cut.docx');

    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toHaveLength(1);
    expect(sut.coverage.gaps[0]).toMatchObject({ reason: 'damaged', location: { file: 'cut.docx', part: 'unreadable' } });
  });

  it('reports a password-protected docx (an OLE container) as encrypted', async () => {
    const sut = await extractDocument(buildEncryptedOoxml(), '加密.docx');

    expect(sut.coverage.format).toBe('encrypted-ooxml');
    expect(sut.coverage.gaps).toEqual([
      { location: { file: '加密.docx', part: 'unreadable' }, reason: 'encrypted', detail: '文件已加密（设置了打开密码），无法审查' },
    ]);
  });

  it('reads a .docx whose bytes are plain text as text', async () => {
    const sut = await extractDocument(strToU8('内部资料 注意保存\n第二行'), '伪装.docx');

    expect(sut.coverage.format).toBe('text');
    expect(texts(sut.pieces)).toEqual(['内部资料 注意保存', '第二行']);
  });

  it('reads a clean notice with masked IDs and office hotlines as plain body pieces', async () => {
    const body =
      textPara('关于2024年度城乡居民医疗保险参保缴费的公告') +
      textPara('经审核，申请人张某（身份证号5113**********1234）符合条件。') +
      textPara('咨询电话：0817-2222222，政务服务便民热线12345。');

    const sut = await extractDocument(buildDocx({ body, core: { title: '参保公告' } }), '公告.docx');

    expect(sut.pieces.map((p) => [p.location.part, p.text])).toEqual([
      ['body', '关于2024年度城乡居民医疗保险参保缴费的公告'],
      ['body', '经审核，申请人张某（身份证号5113**********1234）符合条件。'],
      ['body', '咨询电话：0817-2222222，政务服务便民热线12345。'],
      ['metadata', '参保公告'],
      ['metadata', '张三'],
      ['metadata', '李四'],
    ]);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reads Strict OOXML, whose namespaces differ', async () => {
    const docx = toStrict(buildDocx({ headers: { 'header1.xml': textPara('绝密★长期') }, body: para(run('机') + run('密') + deleted('★', '王')) }));

    const sut = await extractDocument(docx, 'strict.docx');

    expect(content(sut.pieces).map((p) => [p.location.part, p.text])).toEqual([
      ['header', '绝密★长期'],
      ['body', '机密'],
      ['tracked-deletion', '机密★'],
    ]);
  });

  it('finds a .docm main part through the content types when the package relationships are missing', async () => {
    const original = unzipSync(buildDocx({ body: textPara('宏文档正文') }));
    const docm = editPackage(
      buildDocx({ body: '' }),
      (name, xml) => {
        if (name === '_rels/.rels' || name === 'word/document.xml' || name === 'word/_rels/document.xml.rels') return null;
        if (name !== '[Content_Types].xml') return xml;
        return xml.replace('/word/document.xml', '/word/main.xml').replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml');
      },
      { 'word/main.xml': original['word/document.xml'], 'word/_rels/main.xml.rels': original['word/_rels/document.xml.rels'] },
    );

    const sut = await extractDocument(docm, 'a.docm');

    expect(texts(inPart(sut.pieces, 'body'))).toEqual(['宏文档正文']);
  });

  it('reads the glossary document as hidden text', async () => {
    const glossary = `<w:glossaryDocument xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docParts><w:docPart><w:docPartPr><w:name w:val="密级"/></w:docPartPr><w:docPartBody>${textPara('机密★5年')}</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>`;
    const docx = editPackage(
      buildDocx({ body: textPara('正文') }),
      (name, xml) =>
        name === 'word/_rels/document.xml.rels'
          ? xml.replace('</Relationships>', '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/glossaryDocument" Target="glossary/document.xml"/></Relationships>')
          : xml,
      { 'word/glossary/document.xml': glossary },
    );

    const sut = await extractDocument(docx, 'a.docx');

    expect(inPart(sut.pieces, 'hidden-text').map((p) => [p.text, p.location.field])).toEqual([['机密★5年', 'word/glossary/document.xml']]);
  });

  it('keeps what came before damage in a part, reports the part damaged and reads the other parts', async () => {
    const docx = editPackage(buildDocx({ headers: { 'header1.xml': textPara('页眉') }, body: textPara('第一段') + textPara('第二段') }), (name, xml) =>
      name === 'word/document.xml' ? xml.replace('第二段</w:t></w:r></w:p>', '第二段</w:t></w:r><w:p><w:r><w:t>断') : xml,
    );

    const sut = await extractDocument(docx, 'a.docx');

    expect(texts(content(sut.pieces))).toEqual(['页眉', '第一段', '第二段', '断']);
    expect(sut.coverage.gaps.map((g) => [g.reason, g.location.part, g.location.field])).toEqual([['damaged', 'body', 'word/document.xml']]);
  });

  it('reads an altChunk (an imported file) as an embedded file', async () => {
    const docx = editPackage(
      buildDocx({ body: textPara('正文') + '<w:altChunk r:id="rId91"/>' }),
      (name, xml) =>
        name === 'word/_rels/document.xml.rels'
          ? xml.replace('</Relationships>', '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.txt"/></Relationships>')
          : xml,
      { 'word/afchunk.txt': '内部文件 请勿外传' },
    );

    const sut = await extractDocument(docx, 'a.docx');

    expect(inPart(sut.pieces, 'embedded').map((p) => [p.text, p.location.field])).toEqual([['内部文件 请勿外传', 'word/afchunk.txt']]);
  });

  it('reads the text of a chart and of SmartArt data', async () => {
    const chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>各乡镇信访件数</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>张三 13912345678</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>42</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>';
    const data = '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{1}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>保密办</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const docx = editPackage(
      buildDocx({ body: textPara('正文') }),
      (name, xml) =>
        name === 'word/_rels/document.xml.rels'
          ? xml.replace('</Relationships>', `<Relationship Id="rId92" Type="${rel}/chart" Target="charts/chart1.xml"/><Relationship Id="rId93" Type="${rel}/diagramData" Target="diagrams/data1.xml"/></Relationships>`)
          : xml,
      { 'word/charts/chart1.xml': chart, 'word/diagrams/data1.xml': data },
    );

    const sut = await extractDocument(docx, 'a.docx');

    expect(content(sut.pieces).map((p) => [p.text, p.location.field])).toEqual([
      ['正文', undefined],
      ['保密办', 'word/diagrams/data1.xml'],
      ['各乡镇信访件数', 'word/charts/chart1.xml'],
      ['张三 13912345678', 'word/charts/chart1.xml'],
    ]);
  });

  it('unwraps an OOXML file embedded as an OLE Package stream', async () => {
    const inner = buildDocx({ body: textPara('附件二 秘密★1年') });
    const ole = buildOleObject({ Package: inner });

    const sut = await extractDocument(buildDocx({ body: textPara('正文'), embeddings: { 'oleObject2.bin': ole } }), 'a.docx');

    expect(inPart(sut.pieces, 'embedded').map((p) => [p.text, p.location.inner?.part])).toContainEqual(['附件二 秘密★1年', 'body']);
  });

  it('keeps ruby (phonetic guide) text out of the line it annotates', async () => {
    const ruby = '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="10"/><w:hpsRaise w:val="18"/><w:hpsBaseText w:val="21"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:t>jī mì</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>机密</w:t></w:r></w:rubyBase></w:ruby></w:r>';

    const sut = await extractDocument(buildDocx({ body: para(ruby + run('★10年')) }), 'a.docx');

    expect(texts(content(sut.pieces))).toEqual(['机密★10年', 'jī mì']);
  });

  it('reads embedded files up to maxParts and reports the rest as over the limit', async () => {
    const embeddings = { 'a.txt': strToU8('甲'), 'b.txt': strToU8('乙'), 'c.txt': strToU8('丙') };

    const sut = await extractDocument(buildDocx({ body: textPara('正文'), embeddings }), 'a.docx', { limits: { maxParts: 2 } });

    expect(texts(inPart(sut.pieces, 'embedded'))).toEqual(['甲', '乙']);
    expect(sut.coverage.gaps.map((g) => [g.reason, g.location.part])).toEqual([['over-limit', 'embedded']]);
  });
});
