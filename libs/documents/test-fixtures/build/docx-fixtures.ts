import * as CFB from 'cfb';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** Builds Word files in memory, shaped as Word writes them, for the reader specs. Nothing here is downloaded. */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The namespace declarations on a Word 2016 document root. */
export const WORD_NAMESPACES = [
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:o="urn:schemas-microsoft-com:office:office"',
  `xmlns:r="${R}"`,
  'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:w10="urn:schemas-microsoft-com:office:word"',
  `xmlns:w="${W}"`,
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"',
  'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'mc:Ignorable="w14 w15 wp14"',
].join(' ');

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A run: `<w:r>` with optional run properties and text (xml:space="preserve" as Word writes for spaces). */
export function run(text: string, rPr = ''): string {
  return `<w:r w:rsidRPr="00A1B2C3">${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

/** A paragraph of the given inner XML (runs, bookmarks, revisions…). */
export function para(inner: string, pPr = ''): string {
  return `<w:p w:rsidR="00B3C4D5" w:rsidRDefault="00B3C4D5">${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`;
}

/** A paragraph with one run of plain text (fonts as a Chinese Word sets them). */
export function textPara(text: string): string {
  return para(run(text, '<w:rFonts w:hint="eastAsia"/>'));
}

export function inserted(inner: string, author: string, id = 1): string {
  return `<w:ins w:id="${id}" w:author="${xmlEscape(author)}" w:date="2024-03-01T09:30:00Z">${inner}</w:ins>`;
}

export function deleted(text: string, author: string, id = 2): string {
  return `<w:del w:id="${id}" w:author="${xmlEscape(author)}" w:date="2024-03-01T09:31:00Z"><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:delText xml:space="preserve">${xmlEscape(text)}</w:delText></w:r></w:del>`;
}

/** A floating text box as Word 2010+ writes it: a wps shape in mc:Choice, the same text as VML in mc:Fallback. */
export function textBox(paragraphs: string): string {
  const anchor =
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">' +
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset></wp:positionH>' +
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="400000"/>' +
    '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>' +
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>' +
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>' +
    `<wps:txbx><w:txbxContent>${paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz"/></wps:wsp></a:graphicData></a:graphic></wp:anchor>`;
  const vml =
    '<w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/></v:shapetype>' +
    `<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:141.75pt;height:31.5pt"><v:textbox><w:txbxContent>${paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>`;
  return `<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${anchor}</w:drawing></mc:Choice><mc:Fallback>${vml}</mc:Fallback></mc:AlternateContent></w:r>`;
}

export interface DocxParts {
  /** Inner XML of `w:body` (paragraphs and tables; a `w:sectPr` is added). */
  body: string;
  /** Header part name (`header1.xml`) → its paragraphs; the first is the default header, a second the first-page one. */
  headers?: Record<string, string>;
  footers?: Record<string, string>;
  /** Footnote id → paragraphs (the separator and continuation notes Word always writes are added). */
  footnotes?: Record<number, string>;
  /** Comment id → { author, paragraphs }. */
  comments?: Record<number, { author: string; paragraphs: string }>;
  core?: { title?: string; subject?: string; creator?: string; keywords?: string; description?: string; lastModifiedBy?: string };
  company?: string;
  custom?: Record<string, string>;
  /** Files under word/embeddings/ (name → bytes), related from the document as packages. */
  embeddings?: Record<string, Uint8Array>;
  /** Raw word/styles.xml. */
  styles?: string;
}

/** A .docx as Word writes it: content types, package and document relationships, settings, styles, properties. */
export function buildDocx(parts: DocxParts): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, xml: string): void => {
    files[name] = strToU8(xml);
  };
  const overrides: string[] = [
    ['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
    ['/word/styles.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml'],
    ['/word/settings.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ].map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`);
  const docRels: string[] = [
    `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId2" Type="${REL}/settings" Target="settings.xml"/>`,
  ];
  let rid = 10;
  const sectRefs: string[] = [];
  const headerFooter = (kind: 'header' | 'footer', set: Record<string, string> | undefined): void => {
    Object.entries(set ?? {}).forEach(([name, paragraphs], k) => {
      const id = `rId${rid++}`;
      put(`word/${name}`, `${DECL}<w:${kind === 'header' ? 'hdr' : 'ftr'} ${WORD_NAMESPACES}>${paragraphs}</w:${kind === 'header' ? 'hdr' : 'ftr'}>`);
      overrides.push(`<Override PartName="/word/${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml"/>`);
      docRels.push(`<Relationship Id="${id}" Type="${REL}/${kind}" Target="${name}"/>`);
      sectRefs.push(`<w:${kind}Reference w:type="${k === 0 ? 'default' : 'first'}" r:id="${id}"/>`);
    });
  };
  headerFooter('header', parts.headers);
  headerFooter('footer', parts.footers);
  if (parts.footnotes) {
    const notes = Object.entries(parts.footnotes).map(([id, p]) => `<w:footnote w:id="${id}">${p}</w:footnote>`);
    put(
      'word/footnotes.xml',
      `${DECL}<w:footnotes ${WORD_NAMESPACES}>` +
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>' +
        `${notes.join('')}</w:footnotes>`,
    );
    overrides.push('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>');
    docRels.push(`<Relationship Id="rId${rid++}" Type="${REL}/footnotes" Target="footnotes.xml"/>`);
  }
  if (parts.comments) {
    const comments = Object.entries(parts.comments).map(
      ([id, c]) => `<w:comment w:id="${id}" w:author="${xmlEscape(c.author)}" w:date="2024-03-02T10:00:00Z" w:initials="${xmlEscape(c.author.slice(0, 1))}">${c.paragraphs}</w:comment>`,
    );
    put('word/comments.xml', `${DECL}<w:comments ${WORD_NAMESPACES}>${comments.join('')}</w:comments>`);
    overrides.push('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>');
    docRels.push(`<Relationship Id="rId${rid++}" Type="${REL}/comments" Target="comments.xml"/>`);
  }
  const defaults = ['xml', 'rels'];
  for (const [name, bytes] of Object.entries(parts.embeddings ?? {})) {
    files[`word/embeddings/${name}`] = bytes;
    docRels.push(`<Relationship Id="rId${rid++}" Type="${REL}/package" Target="embeddings/${name}"/>`);
    const ext = name.split('.').pop() ?? 'bin';
    if (!defaults.includes(ext)) defaults.push(ext);
  }
  const sectPr =
    `<w:sectPr w:rsidR="00B3C4D5">${sectRefs.join('')}<w:pgSz w:w="11906" w:h="16838"/>` +
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1531" w:gutter="0"/>' +
    `${parts.headers && Object.keys(parts.headers).length > 1 ? '<w:titlePg/>' : ''}<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`;
  put('word/document.xml', `${DECL}<w:document ${WORD_NAMESPACES}><w:body>${parts.body}${sectPr}</w:body></w:document>`);
  put('word/styles.xml', parts.styles ?? defaultStyles());
  put('word/settings.xml', `${DECL}<w:settings xmlns:w="${W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/></w:settings>`);
  put('word/_rels/document.xml.rels', `${DECL}<Relationships xmlns="${PKG_REL}">${docRels.join('')}</Relationships>`);
  const rootRels = [
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>`,
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`,
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>`,
  ];
  const core = parts.core ?? {};
  const coreField = (tag: string, value: string | undefined): string => (value === undefined ? '' : `<${tag}>${xmlEscape(value)}</${tag}>`);
  put(
    'docProps/core.xml',
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      coreField('dc:title', core.title) +
      coreField('dc:subject', core.subject) +
      coreField('dc:creator', core.creator ?? '张三') +
      coreField('cp:keywords', core.keywords) +
      coreField('dc:description', core.description) +
      coreField('cp:lastModifiedBy', core.lastModifiedBy ?? '李四') +
      '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T08:00:00Z</dcterms:created>' +
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-02T10:00:00Z</dcterms:modified></cp:coreProperties>',
  );
  put(
    'docProps/app.xml',
    `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Template>Normal.dotm</Template><TotalTime>12</TotalTime><Pages>1</Pages><Application>Microsoft Office Word</Application>` +
      `<DocSecurity>0</DocSecurity>${parts.company ? `<Company>${xmlEscape(parts.company)}</Company>` : ''}<AppVersion>16.0000</AppVersion></Properties>`,
  );
  if (parts.custom) {
    const props = Object.entries(parts.custom).map(
      ([name, value], k) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${k + 2}" name="${xmlEscape(name)}"><vt:lpwstr>${xmlEscape(value)}</vt:lpwstr></property>`,
    );
    put(
      'docProps/custom.xml',
      `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${props.join('')}</Properties>`,
    );
    overrides.push('<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>');
    rootRels.push(`<Relationship Id="rId4" Type="${REL}/custom-properties" Target="docProps/custom.xml"/>`);
  }
  put('_rels/.rels', `${DECL}<Relationships xmlns="${PKG_REL}">${rootRels.join('')}</Relationships>`);
  const defaultTypes = defaults.map((ext) =>
    ext === 'rels'
      ? '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      : ext === 'xml'
        ? '<Default Extension="xml" ContentType="application/xml"/>'
        : `<Default Extension="${ext}" ContentType="application/octet-stream"/>`,
  );
  files['[Content_Types].xml'] = strToU8(
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaultTypes.join('')}${overrides.join('')}</Types>`,
  );
  // Word writes [Content_Types].xml first; the order matters to nothing here but keeps the file realistic.
  const ordered: Zippable = { '[Content_Types].xml': files['[Content_Types].xml'] };
  for (const [k, v] of Object.entries(files)) if (k !== '[Content_Types].xml') ordered[k] = v;
  return zipSync(ordered, { level: 6 });
}

/**
 * A copy of a package with parts rewritten (`edit` returns the new XML, or null to drop the part) and parts added.
 * Only .xml and .rels parts are passed to `edit`.
 */
export function editPackage(
  bytes: Uint8Array,
  edit: (name: string, xml: string) => string | null = (_n, xml) => xml,
  add: Record<string, string | Uint8Array> = {},
): Uint8Array {
  const out: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) {
      out[name] = data;
      continue;
    }
    const xml = edit(name, strFromU8(data));
    if (xml !== null) out[name] = strToU8(xml);
  }
  for (const [name, data] of Object.entries(add)) out[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(out);
}

/** The same package in Strict OOXML (ISO/IEC 29500 strict namespaces, as Word's "Strict Open XML" save writes). */
export function toStrict(bytes: Uint8Array): Uint8Array {
  return editPackage(bytes, (_name, xml) =>
    xml
      .replace(/http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main/g, 'http://purl.oclc.org/ooxml/wordprocessingml/main')
      .replace(/http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g, 'http://purl.oclc.org/ooxml/officeDocument/relationships')
      .replace(/http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/math/g, 'http://purl.oclc.org/ooxml/officeDocument/math')
      .replace(/http:\/\/schemas\.openxmlformats\.org\/drawingml\/2006\/main/g, 'http://purl.oclc.org/ooxml/drawingml/main'),
  );
}

/** word/styles.xml with Normal, the default paragraph font, and a character style that hides its text. */
export function defaultStyles(): string {
  return (
    `${DECL}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>` +
    '<w:kern w:val="2"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="character" w:customStyle="1" w:styleId="HiddenNote"><w:name w:val="内部备注"/><w:basedOn w:val="a0"/><w:rPr><w:vanish/></w:rPr></w:style>' +
    '</w:styles>'
  );
}

/**
 * A Word 97-2003 .doc: a FIB for nFib 0xC1 (Word 97), the text in the WordDocument stream as one UTF-16 piece (or an
 * 8-bit piece when `compressed`), and the piece table in 1Table. `encrypted` sets fEncrypted; `pictureAndObject`
 * adds a Data stream (where pictures live) and an object under ObjectPool.
 */
export function buildLegacyDoc(
  paragraphs: string[],
  opts: { compressed?: boolean; encrypted?: boolean; title?: string; custom?: Record<string, string>; pictureAndObject?: boolean } = {},
): Uint8Array {
  const text = paragraphs.map((p) => `${p}\r`).join('');
  const TEXT_AT = 0x800;
  const fib = new Uint8Array(TEXT_AT);
  const v = new DataView(fib.buffer);
  v.setUint16(0, 0xa5ec, true);
  v.setUint16(2, 0xc1, true);
  v.setUint16(6, 0x0804, true); // lid: zh-CN
  v.setUint16(0x0a, 0x0200 | (opts.encrypted ? 0x0100 : 0), true); // fWhichTblStm
  v.setUint16(0x20, 14, true); // csw
  const lw = 0x22 + 28 + 2;
  v.setUint16(lw - 2, 22, true); // cslw
  const fcLcb = lw + 22 * 4 + 2;
  v.setUint16(fcLcb - 2, 0x5d, true); // cbRgFcLcb (Word 97)
  const body = opts.compressed ? Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff)) : new Uint8Array(Buffer.from(text, 'utf16le'));
  v.setUint32(lw + 3 * 4, text.length, true); // ccpText
  const word = new Uint8Array(TEXT_AT + body.length);
  word.set(fib);
  word.set(body, TEXT_AT);
  const new32 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, (x >>> 24) & 0xff];
  const fc = opts.compressed ? (TEXT_AT * 2) | 0x40000000 : TEXT_AT;
  const plcPcd = [...new32(0), ...new32(text.length), 0, 0, ...new32(fc), 0, 0];
  const clx = Uint8Array.from([0x02, ...new32(plcPcd.length), ...plcPcd]);
  const table = new Uint8Array(0x200 + clx.length);
  table.set(clx, 0x200);
  new DataView(word.buffer).setUint32(fcLcb + 33 * 8, 0x200, true);
  new DataView(word.buffer).setUint32(fcLcb + 33 * 8 + 4, clx.length, true);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', word);
  CFB.utils.cfb_add(cfb, '/1Table', table);
  if (opts.pictureAndObject) {
    CFB.utils.cfb_add(cfb, '/Data', new Uint8Array(256).fill(7));
    CFB.utils.cfb_add(cfb, '/ObjectPool/_1712345678/\u0001Ole10Native', new Uint8Array(64));
  }
  CFB.utils.cfb_add(cfb, '/\u0005SummaryInformation', propertySet([{ fmtid: FMTID_SUMMARY, props: { 2: opts.title ?? '', 4: '张三' } }]));
  const custom = Object.entries(opts.custom ?? {});
  const dictionary = new Map(custom.map(([name], k) => [k + 2, name]));
  const props = Object.fromEntries(custom.map(([, value], k) => [k + 2, value]));
  CFB.utils.cfb_add(
    cfb,
    '/\u0005DocumentSummaryInformation',
    propertySet([{ fmtid: FMTID_DOC_SUMMARY, props: { 15: '某市人民政府办公室' } }, { fmtid: FMTID_USER_DEFINED, props, dictionary }]),
  );
  return toBytes(CFB.write(cfb, { type: 'buffer' }));
}

const FMTID_SUMMARY = 'f29f85e0-4ff9-1068-ab91-08002b27b3d9';
const FMTID_DOC_SUMMARY = 'd5cdd502-2e9c-101b-9397-08002b2cf9ae';
const FMTID_USER_DEFINED = 'd5cdd505-2e9c-101b-9397-08002b2cf9ae';

/** A property set stream ([MS-OLEPS]) in code page 1200 (UTF-16): string properties, and a dictionary of names. */
function propertySet(sections: { fmtid: string; props: Record<number, string>; dictionary?: Map<number, string> }[]): Uint8Array {
  const u16 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff];
  const u32 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff];
  const pad4 = (b: number[]): number[] => [...b, ...new Array((4 - (b.length % 4)) % 4).fill(0)];
  const utf16z = (s: string): number[] => [...Buffer.from(`${s}\0`, 'utf16le')];
  const guidBytes = (g: string): number[] => {
    const h = g.replace(/-/g, '');
    const at = (i: number, n: number): number[] => Array.from({ length: n }, (_, k) => parseInt(h.slice(i + k * 2, i + k * 2 + 2), 16));
    return [...at(0, 4).reverse(), ...at(8, 2).reverse(), ...at(12, 2).reverse(), ...at(16, 8)];
  };
  const bodies = sections.map(({ props, dictionary }) => {
    const values: [number, number[]][] = [[1, pad4([...u16(0x02), 0, 0, ...u16(1200)])]];
    if (dictionary) {
      const entries = [...dictionary].flatMap(([id, name]) => pad4([...u32(id), ...u32(name.length + 1), ...utf16z(name)]));
      values.push([0, pad4([...u32(dictionary.size), ...entries])]);
    }
    for (const [id, text] of Object.entries(props)) {
      const bytes = utf16z(text);
      values.push([Number(id), pad4([...u16(0x1e), 0, 0, ...u32(bytes.length), ...bytes])]);
    }
    let offset = 8 + values.length * 8;
    const table: number[] = [];
    const data: number[] = [];
    for (const [id, bytes] of values) {
      table.push(...u32(id), ...u32(offset));
      data.push(...bytes);
      offset += bytes.length;
    }
    return [...u32(offset), ...u32(values.length), ...table, ...data];
  });
  const header = [...u16(0xfffe), ...u16(0), ...u32(0x00020006), ...new Array(16).fill(0), ...u32(sections.length)];
  let at = header.length + sections.length * 20;
  const index: number[] = [];
  sections.forEach((s, k) => {
    index.push(...guidBytes(s.fmtid), ...u32(at));
    at += bodies[k].length;
  });
  return Uint8Array.from([...header, ...index, ...bodies.flat()]);
}

/** What Office writes for a password-protected .docx: an OLE container with EncryptionInfo and EncryptedPackage. */
export function buildEncryptedOoxml(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  // Agile encryption header (version 4.4) and an XML descriptor; the package itself is random bytes here.
  const info = new Uint8Array([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00, ...strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption/>')]);
  CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  CFB.utils.cfb_add(cfb, '/EncryptedPackage', Uint8Array.from({ length: 4096 }, (_, k) => (k * 131 + 7) & 0xff));
  CFB.utils.cfb_add(cfb, '/\u0006DataSpaces/Version', new Uint8Array(76));
  return toBytes(CFB.write(cfb, { type: 'buffer' }));
}

/**
 * An OLE embedding (`oleObject1.bin`) wrapping `payload` in an Ole10Native stream, as the Packager writes it. The
 * names are in the system's ANSI code page (GBK on Chinese Windows): pass `nameBytes` for a name that is not ASCII.
 */
export function buildOle10Native(payload: Uint8Array, nameBytes: Uint8Array = strToU8('file.txt')): Uint8Array {
  const cstr = (...parts: (string | Uint8Array)[]): number[] => [...parts.flatMap((p) => [...(typeof p === 'string' ? strToU8(p) : p)]), 0];
  const u32 = (x: number): number[] => [x & 0xff, (x >> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff];
  const temp = cstr('C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\', nameBytes);
  const inner = [0x02, 0x00, ...cstr(nameBytes), ...cstr('C:\\Users\\Administrator\\Desktop\\', nameBytes), 0x00, 0x00, 0x03, 0x00, ...u32(temp.length), ...temp, ...u32(payload.length), ...payload];
  const stream = Uint8Array.from([...u32(inner.length), ...inner]);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/\u0001Ole10Native', stream);
  CFB.utils.cfb_add(cfb, '/\u0001CompObj', new Uint8Array(32));
  return toBytes(CFB.write(cfb, { type: 'buffer' }));
}

/** An OLE object with the given streams (`{ 'Equation Native': … }` is what an Equation 3.0 object holds). */
export function buildOleObject(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, bytes] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, bytes);
  CFB.utils.cfb_add(cfb, '/\u0001CompObj', new Uint8Array(32));
  return toBytes(CFB.write(cfb, { type: 'buffer' }));
}

function toBytes(out: unknown): Uint8Array {
  if (out instanceof Uint8Array) return new Uint8Array(out);
  if (Array.isArray(out)) return Uint8Array.from(out as number[]);
  throw new Error('cfb.write returned neither bytes nor an array');
}
