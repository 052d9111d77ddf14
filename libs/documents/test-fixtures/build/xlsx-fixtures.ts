import { deflateRawSync, constants as zlib, crc32 } from 'node:zlib';
import { Zip, zipSync, strToU8, type ZipInputFile } from 'fflate';

/** Escapes text for an XML element or attribute. */
export const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export interface XlsxComment {
  ref: string;
  author: string;
  text: string;
}

export interface XlsxSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** The rows, as Excel writes them inside `<sheetData>`. */
  sheetData: string;
  /** The inside of `<headerFooter>`, format codes and all. */
  headerFooter?: string;
  comments?: XlsxComment[];
  /** Threaded comments (Excel 365); Excel also writes each as a legacy comment by `tc={id}`. */
  threadedComments?: XlsxComment[];
  /** Paragraphs of a text box drawn on the sheet, each given as its runs. */
  textBox?: string[][];
  /** The chart part placed in the sheet's drawing (see `chartPart`). */
  chartXml?: string;
}

export interface XlsxSpec {
  sheets: XlsxSheet[];
  /** The inside of each `<si>`: `<t>…</t>` or rich-text runs. */
  sharedStrings?: string[];
  definedNames?: { name: string; text: string; localSheetId?: number }[];
  title?: string;
  author?: string;
  /** A pivot cache whose source data is kept in the file: field names with their shared items, and records. */
  pivotCache?: { source: string; fields: { name: string; items: string[] }[]; records: string[][] };
  /** More members as they should be stored (a part another writer adds, a sheet left behind). */
  extra?: Record<string, string>;
}

/** A shared-string item with plain text. */
export const si = (text: string): string => `<t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${xml(text)}</t>`;

/** A row of cells as Excel writes it: `cells` are already-written `<c>` elements. */
export const row = (r: number, cells: string[]): string => `<row r="${r}" spans="1:${Math.max(1, cells.length)}">${cells.join('')}</row>`;

/** A cell that holds shared string number `index`. */
export const sharedCell = (ref: string, index: number): string => `<c r="${ref}" t="s"><v>${index}</v></c>`;
/** A number cell, its `<v>` exactly as given. */
export const numberCell = (ref: string, v: string): string => `<c r="${ref}"><v>${v}</v></c>`;
/** An inline-string cell. */
export const inlineCell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${xml(text)}</t></is></c>`;

/** Builds an .xlsx the way Excel lays it out: content types, package and workbook relationships, one part per sheet. */
export function buildXlsx(spec: XlsxSpec): Uint8Array {
  return zipSync(xlsxMembers(spec));
}

export function xlsxMembers(spec: XlsxSpec): Record<string, Uint8Array> {
  const files: Record<string, string> = {};
  const overrides: string[] = [];
  const override = (part: string, type: string): void => {
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.${type}"/>`);
  };
  const bookRels: string[] = [];
  spec.sheets.forEach((sheet, k) => {
    const n = k + 1;
    bookRels.push(rel(`rId${n}`, `${REL}/worksheet`, `worksheets/sheet${n}.xml`));
    override(`xl/worksheets/sheet${n}.xml`, 'openxmlformats-officedocument.spreadsheetml.worksheet+xml');
    const sheetRels: string[] = [];
    let tail = '';
    if (sheet.textBox || sheet.chartXml) {
      sheetRels.push(rel('rId1', `${REL}/drawing`, `../drawings/drawing${n}.xml`));
      files[`xl/drawings/drawing${n}.xml`] = drawing(sheet.textBox ?? [], sheet.chartXml !== undefined);
      if (sheet.chartXml) {
        files[`xl/drawings/_rels/drawing${n}.xml.rels`] = rels([rel('rId1', `${REL}/chart`, `../charts/chart${n}.xml`)]);
        files[`xl/charts/chart${n}.xml`] = sheet.chartXml;
        override(`xl/charts/chart${n}.xml`, 'openxmlformats-officedocument.drawingml.chart+xml');
      }
      override(`xl/drawings/drawing${n}.xml`, 'openxmlformats-officedocument.drawing+xml');
      tail += '<drawing r:id="rId1"/>';
    }
    const legacy = [...(sheet.comments ?? []), ...(sheet.threadedComments ?? []).map(threadedFallback)];
    if (legacy.length > 0) {
      sheetRels.push(rel('rId2', `${REL}/comments`, `../comments${n}.xml`));
      sheetRels.push(rel('rId3', `${REL}/vmlDrawing`, `../drawings/vmlDrawing${n}.vml`));
      files[`xl/comments${n}.xml`] = comments(legacy);
      files[`xl/drawings/vmlDrawing${n}.vml`] = '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape type="#_x0000_t202"/></xml>';
      override(`xl/comments${n}.xml`, 'openxmlformats-officedocument.spreadsheetml.comments+xml');
      tail += '<legacyDrawing r:id="rId3"/>';
    }
    if (sheet.threadedComments) {
      sheetRels.push(rel('rId4', 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment', `../threadedComments/threadedComment${n}.xml`));
      files[`xl/threadedComments/threadedComment${n}.xml`] = threaded(sheet.threadedComments);
      override(`xl/threadedComments/threadedComment${n}.xml`, 'ms-excel.threadedcomments+xml');
    }
    if (sheetRels.length > 0) files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = rels(sheetRels);
    files[`xl/worksheets/sheet${n}.xml`] =
      `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
      `<dimension ref="A1"/><sheetViews><sheetView${k === 0 ? ' tabSelected="1"' : ''} workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/>` +
      `<cols><col min="1" max="4" width="20.625" customWidth="1"/></cols><sheetData>${sheet.sheetData}</sheetData>` +
      `<phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `${sheet.headerFooter === undefined ? '' : `<headerFooter>${sheet.headerFooter}</headerFooter>`}${tail}</worksheet>`;
  });
  const persons = (spec.sheets.flatMap((s) => s.threadedComments ?? []).map((c) => c.author));
  if (persons.length > 0) {
    bookRels.push(rel('rId90', 'http://schemas.microsoft.com/office/2017/10/relationships/person', 'persons/person.xml'));
    files['xl/persons/person.xml'] =
      `${DECL}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}">` +
      [...new Set(persons)].map((p) => `<person displayName="${xml(p)}" id="${personId(p)}" userId="${xml(p)}" providerId="None"/>`).join('') +
      '</personList>';
  }
  bookRels.push(rel('rId97', `${REL}/theme`, 'theme/theme1.xml'), rel('rId98', `${REL}/styles`, 'styles.xml'));
  if (spec.sharedStrings) {
    bookRels.push(rel('rId99', `${REL}/sharedStrings`, 'sharedStrings.xml'));
    override('xl/sharedStrings.xml', 'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml');
    files['xl/sharedStrings.xml'] =
      `${DECL}<sst xmlns="${MAIN}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">` +
      spec.sharedStrings.map((s) => `<si>${s}</si>`).join('') +
      '</sst>';
  }
  if (spec.pivotCache) {
    const { source, fields, records } = spec.pivotCache;
    bookRels.push(rel('rId95', `${REL}/pivotCacheDefinition`, 'pivotCache/pivotCacheDefinition1.xml'));
    files['xl/pivotCache/pivotCacheDefinition1.xml'] =
      `${DECL}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshedBy="李四" recordCount="${records.length}">` +
      `<cacheSource type="worksheet"><worksheetSource ref="A1:C${records.length + 1}" sheet="${xml(source)}"/></cacheSource><cacheFields count="${fields.length}">` +
      fields.map((f) => `<cacheField name="${xml(f.name)}" numFmtId="0">${f.items.length > 0 ? `<sharedItems count="${f.items.length}">${f.items.map((i) => `<s v="${xml(i)}"/>`).join('')}</sharedItems>` : '<sharedItems containsNumber="1"/>'}</cacheField>`).join('') +
      '</cacheFields></pivotCacheDefinition>';
    files['xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels'] = rels([rel('rId1', `${REL}/pivotCacheRecords`, 'pivotCacheRecords1.xml')]);
    files['xl/pivotCache/pivotCacheRecords1.xml'] =
      `${DECL}<pivotCacheRecords xmlns="${MAIN}" count="${records.length}">` +
      records.map((r) => `<r>${r.map((v, k) => (fields[k]?.items.includes(v) ? `<x v="${fields[k].items.indexOf(v)}"/>` : /^[\d.E+]+$/.test(v) ? `<n v="${v}"/>` : `<s v="${xml(v)}"/>`)).join('')}</r>`).join('') +
      '</pivotCacheRecords>';
  }
  const names = spec.definedNames ?? [];
  files['xl/workbook.xml'] =
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2">` +
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>' +
    '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets>' +
    spec.sheets.map((s, k) => `<sheet name="${xml(s.name)}" sheetId="${k + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${k + 1}"/>`).join('') +
    '</sheets>' +
    (names.length > 0
      ? `<definedNames>${names.map((d) => `<definedName name="${xml(d.name)}"${d.localSheetId === undefined ? '' : ` localSheetId="${d.localSheetId}"`}>${xml(d.text)}</definedName>`).join('')}</definedNames>`
      : '') +
    '<calcPr calcId="191029"/>' +
    (spec.pivotCache ? '<pivotCaches><pivotCache cacheId="1" r:id="rId95"/></pivotCaches>' : '') +
    '</workbook>';
  files['xl/_rels/workbook.xml.rels'] = rels(bookRels);
  files['xl/styles.xml'] = `${DECL}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="等线"/><charset val="134"/></font></fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
  files['xl/theme/theme1.xml'] = `${DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements/></a:theme>`;
  files['docProps/core.xml'] =
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `${spec.title ? `<dc:title>${xml(spec.title)}</dc:title>` : ''}<dc:creator>${xml(spec.author ?? '办公室')}</dc:creator><cp:lastModifiedBy>${xml(spec.author ?? '办公室')}</cp:lastModifiedBy>` +
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T02:00:00Z</dcterms:created></cp:coreProperties>';
  files['docProps/app.xml'] = `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><Company>某县人民政府办公室</Company></Properties>`;
  files['_rels/.rels'] = rels([
    rel('rId1', `${REL}/officeDocument`, 'xl/workbook.xml'),
    rel('rId2', `${PKG}/metadata/core-properties`, 'docProps/core.xml'),
    rel('rId3', `${REL}/extended-properties`, 'docProps/app.xml'),
  ]);
  files['[Content_Types].xml'] =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    `${overrides.join('')}</Types>`;
  Object.assign(files, spec.extra);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]));
}

export const rel = (id: string, type: string, target: string): string => `<Relationship Id="${id}" Type="${type}" Target="${xml(target)}"/>`;
export const rels = (list: string[]): string => `${DECL}<Relationships xmlns="${PKG}">${list.join('')}</Relationships>`;

const personId = (name: string): string => `{${[...name].map((c) => c.charCodeAt(0).toString(16)).join('').padEnd(32, '0').slice(0, 32).toUpperCase()}}`;

function threadedFallback(c: XlsxComment): XlsxComment {
  return {
    ref: c.ref,
    author: `tc=${personId(c.author)}`,
    text: `[线程批注]\n\n你的 Excel 版本可读取此线程批注; 但如果在更新版本的 Excel 中打开文件，则对批注所作的任何改动都将被删除。了解详细信息: https://go.microsoft.com/fwlink/?linkid=870924\n\n注释:\n    ${c.text}`,
  };
}

function comments(list: XlsxComment[]): string {
  const authors = [...new Set(list.map((c) => c.author))];
  const runProps = '<rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>';
  return (
    `${DECL}<comments xmlns="${MAIN}"><authors>${authors.map((a) => `<author>${xml(a)}</author>`).join('')}</authors><commentList>` +
    list
      .map(
        (c) =>
          `<comment ref="${c.ref}" authorId="${authors.indexOf(c.author)}" shapeId="0"><text>` +
          (c.author.startsWith('tc=')
            ? `<t>${xml(c.text)}</t>`
            : `<r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="宋体"/><charset val="134"/></rPr><t>${xml(c.author)}:</t></r><r>${runProps}<t xml:space="preserve">\n${xml(c.text)}</t></r>`) +
          '</text></comment>',
      )
      .join('') +
    '</commentList></comments>'
  );
}

function threaded(list: XlsxComment[]): string {
  return (
    `${DECL}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN}">` +
    list
      .map((c, k) => `<threadedComment ref="${c.ref}" dT="2024-03-0${(k % 9) + 1}T08:30:00.00" personId="${personId(c.author)}" id="{0000000${k}-0000-0000-0000-000000000000}"><text>${xml(c.text)}</text></threadedComment>`)
      .join('') +
    '</ThreadedComments>'
  );
}

function drawing(paragraphs: string[][], chart: boolean): string {
  const body = paragraphs.map((runs) => `<a:p>${runs.map((t) => `<a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1100"/><a:t>${xml(t)}</a:t></a:r>`).join('')}</a:p>`).join('');
  const chartAnchor = chart
    ? '<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
      '<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
      '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="图表 2"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    : '';
  if (paragraphs.length === 0) {
    return `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${chartAnchor}</xdr:wsDr>`;
  }
  return (
    `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${chartAnchor}` +
    '<xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
    '<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
    '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>' +
    '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>' +
    `<xdr:txBody><a:bodyPr vertOverflow="clip" wrap="square" rtlCol="0"/><a:lstStyle/>${body}</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/** Full resident IDs with valid check characters (GB 11643), for the sheets that must be caught. */
export const FULL_IDS = ['11010519491231002X', '511321197803024518'] as const;

/**
 * A personnel list as an office would keep it: the visible sheet has masked IDs, a mobile stored as a number, inline
 * and shared strings, a comment; a very hidden sheet keeps the full IDs; a defined name points at them.
 */
export function personnelWorkbook(): Uint8Array {
  return buildXlsx({
    title: '2024年度补贴发放名单',
    author: '李四',
    sharedStrings: [si('姓名'), si('身份证号'), si('联系电话'), '<r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="2"><t>ジャンサン</t></rPh>', si('5113**********1234'), si('王五'), si('5113**********2345')],
    sheets: [
      {
        name: '公示名单',
        sheetData:
          row(1, [sharedCell('A1', 0), sharedCell('B1', 1), sharedCell('C1', 2)]) +
          row(2, [sharedCell('A2', 3), sharedCell('B2', 4), numberCell('C2', '13812345678')]) +
          row(3, [sharedCell('A3', 5), sharedCell('B3', 6), inlineCell('C3', '0817-2222222'), '<c r="D3" t="b"><v>1</v></c>', '<c r="E3" t="e"><v>#N/A</v></c>']),
        headerFooter: '<oddHeader>&amp;L&amp;"宋体,加粗"&amp;12内部资料 注意保存&amp;R第 &amp;P 页</oddHeader><oddFooter>&amp;C某县民政局制表</oddFooter>',
        comments: [{ ref: 'C2', author: '张科长', text: '电话已核实，本人手机' }],
      },
      {
        name: '原始数据',
        state: 'veryHidden',
        sheetData:
          row(1, [inlineCell('A1', '张三'), inlineCell('B1', FULL_IDS[0])]) +
          row(2, [inlineCell('A2', '王五'), numberCell('B2', '5.11321197803025E+17')]) +
          row(3, [inlineCell('A3', '赵六'), `<c r="B3" t="str"><f>"5113"&amp;"21197803024518"</f><v>${FULL_IDS[1]}</v></c>`]),
      },
    ],
    definedNames: [{ name: '原始身份证', text: "'原始数据'!$B$1:$B$3" }],
  });
}

/** A workbook whose only sheet has `rows` rows of five text cells (a large export). */
export function largeWorkbook(rows: number): Uint8Array {
  const data: string[] = [];
  for (let r = 1; r <= rows; r++) {
    data.push(row(r, ['A', 'B', 'C', 'D', 'E'].map((c) => inlineCell(`${c}${r}`, `第${r}行${c}列 某街道社区居民委员会`))));
  }
  return buildXlsx({ sheets: [{ name: '明细', sheetData: data.join('') }] });
}

/**
 * A workbook whose sheet inflates to `megabytes` MB of spaces from a few hundred KB: the deflate stream is one
 * compressed megabyte repeated (each copy starts after a full flush, so it stands alone), with a true CRC.
 */
export function bombWorkbook(megabytes = 300): Uint8Array {
  const members = xlsxMembers({ sheets: [{ name: 'Sheet1', sheetData: '' }] });
  const head = strToU8(`${DECL}<worksheet xmlns="${MAIN}"><sheetData>`);
  const spaces = new Uint8Array(1 << 20).fill(0x20);
  const tail = strToU8('</sheetData></worksheet>');
  const flushed = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(deflateRawSync(b, { level: 9, finishFlush: zlib.Z_FULL_FLUSH }));
  const headZ = flushed(head);
  const spacesZ = flushed(spaces);
  const tailZ = new Uint8Array(deflateRawSync(tail, { level: 9 }));
  let crc = crc32(head);
  for (let k = 0; k < megabytes; k++) crc = crc32(spaces, crc);
  crc = crc32(tail, crc);

  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  for (const [name, data] of Object.entries(members)) {
    if (name === 'xl/worksheets/sheet1.xml') continue;
    const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 0 };
    zip.add(file);
    file.ondata?.(null, new Uint8Array(data), true);
  }
  const sheet: ZipInputFile = { filename: 'xl/worksheets/sheet1.xml', size: head.length + megabytes * spaces.length + tail.length, crc: crc >>> 0, compression: 8 };
  zip.add(sheet);
  sheet.ondata?.(null, headZ, false);
  for (let k = 0; k < megabytes; k++) sheet.ondata?.(null, spacesZ, false);
  sheet.ondata?.(null, tailZ, true);
  zip.end();
  const total = out.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
