import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PdfWriter, pdfAscii, pdfText, utf16be } from './pdf-writer';

/*
 * PDFs built in code for the PDF reader's specs. Chinese text is written the two ways real files carry it:
 * an Identity-H CID font with a ToUnicode CMap (Word, WPS and Chromium exports), and a predefined Adobe-GB1
 * CMap with no ToUnicode (older exports with a non-embedded 宋体), which only decodes through pdfjs's CMap files.
 * No glyphs are embedded: extraction needs the character codes and their Unicode, not the shapes.
 */

export const IMAGES_DIR = path.join(__dirname, '..', 'images');

/** A valid resident ID (the GB 11643 example) and a mobile number used in the fixtures. */
export const RESIDENT_ID = '11010519491231002X';
export const MOBILE = '13812345678';

/** An Identity-H Type0 font whose codes are assigned as text is shown; its ToUnicode CMap is written at the end. */
class IdentityFont {
  private readonly cids = new Map<string, number>();
  readonly num: number;

  constructor(private readonly pdf: PdfWriter, readonly baseFont: string) {
    this.num = pdf.reserve();
  }

  /** The text as a hex string of 2-byte CIDs. */
  show(text: string): string {
    return `<${[...text].map((ch) => this.cid(ch).toString(16).padStart(4, '0')).join('')}>`;
  }

  finish(): void {
    const entries = [...this.cids].map(([ch, cid]) => `<${cid.toString(16).padStart(4, '0')}> <${utf16be(ch)}>`);
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      `${entries.length} beginbfchar`, ...entries, 'endbfchar',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const toUnicode = this.pdf.add('<< >>', Buffer.from(cmap, 'latin1'));
    const descriptor = this.pdf.add(`<< /Type /FontDescriptor /FontName /${this.baseFont} /Flags 4 /FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>`);
    const cidFont = this.pdf.add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${this.baseFont} /CIDSystemInfo << /Registry ${pdfAscii('Adobe')} /Ordering ${pdfAscii('Identity')} /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>`);
    this.pdf.set(this.num, `<< /Type /Font /Subtype /Type0 /BaseFont /${this.baseFont} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
  }

  private cid(ch: string): number {
    let cid = this.cids.get(ch);
    if (cid === undefined) this.cids.set(ch, (cid = this.cids.size + 1));
    return cid;
  }
}

/** STSong-Light with UniGB-UCS2-H: codes are UCS-2, mapped to Unicode only through Adobe-GB1's CMaps. */
function addUcs2Font(pdf: PdfWriter): number {
  const descriptor = pdf.add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cidFont = pdf.add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry ${pdfAscii('Adobe')} /Ordering ${pdfAscii('GB1')} /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
  return pdf.add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
}

const ucs2 = (text: string): string => `<${utf16be(text)}>`;

/** A text run: font resource name, size, position, encoded string. */
const run = (font: string, size: number, x: number, y: number, shown: string): string => `BT /${font} ${size} Tf 1 0 0 1 ${x} ${y} Tm ${shown} Tj ET`;

interface PageSpec {
  content: string;
  fonts?: Record<string, number>;
  xobjects?: Record<string, number>;
  annots?: number[];
  mediaBox?: [number, number];
  rotate?: number;
}

/** Writes the pages tree and the catalog (into `catalog` when reserved earlier); returns the catalog's number. */
function addPages(pdf: PdfWriter, pages: PageSpec[], catalogExtra = '', catalog = pdf.reserve()): number {
  const pagesNum = pdf.reserve();
  const kids = pages.map((p) => {
    const contents = pdf.add('<< >>', Buffer.from(p.content, 'latin1'));
    const fonts = Object.entries(p.fonts ?? {}).map(([name, num]) => `/${name} ${num} 0 R`).join(' ');
    const xobjects = Object.entries(p.xobjects ?? {}).map(([name, num]) => `/${name} ${num} 0 R`).join(' ');
    const [w, h] = p.mediaBox ?? [595, 842];
    const extra = [p.annots?.length ? `/Annots [${p.annots.map((a) => `${a} 0 R`).join(' ')}]` : '', p.rotate ? `/Rotate ${p.rotate}` : ''].join(' ');
    return pdf.add(`<< /Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /Font << ${fonts} >> /XObject << ${xobjects} >> >> /Contents ${contents} 0 R ${extra} >>`);
  });
  pdf.set(pagesNum, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  return pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesNum} 0 R ${catalogExtra} >>`);
}

function addInfo(pdf: PdfWriter, fields: Record<string, string>): number {
  return pdf.add(`<< ${Object.entries(fields).map(([k, v]) => `/${k} ${pdfText(v)}`).join(' ')} >>`);
}

/**
 * Two pages as a Word export lays out a notice. Page 2 carries the marking 机密★10年 in the top right as three
 * text items (the ★ in a symbol font of its own), and a paragraph in the UniGB-UCS2-H font. Info and XMP metadata.
 */
export function twoPagePdf(opts: { encrypt?: { userPassword: string; ownerPassword: string } } = {}): Uint8Array {
  const pdf = new PdfWriter();
  // Object 1, as Word writes it: a file cut short still has its catalog.
  const catalog = pdf.reserve();
  const song = new IdentityFont(pdf, 'SimSun');
  const symbol = new IdentityFont(pdf, 'MS-Gothic');
  const stsong = addUcs2Font(pdf);
  const page1 = [
    run('F1', 22, 120, 760, song.show('关于做好政府信息公开工作的通知')),
    run('F1', 16, 72, 700, song.show('各乡镇人民政府，县政府各部门：')),
    run('F1', 16, 104, 672, song.show('现将2024年政府信息公开工作要点印发给你们，')),
    run('F1', 16, 72, 644, song.show('请结合实际认真贯彻落实。')),
  ].join('\n');
  const page2 = [
    run('F1', 16, 440, 800, song.show('机密')),
    run('F2', 16, 472, 800, symbol.show('★')),
    run('F1', 16, 488, 800, song.show('10年')),
    run('F3', 16, 72, 700, ucs2('本通知附件列明的事项按有关规定办理。')),
    run('F1', 16, 72, 672, song.show('联系电话：0817-2222222')),
  ].join('\n');
  song.finish();
  symbol.finish();
  const xmp = Buffer.from(
    [
      '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
      '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">关于做好政府信息公开工作的通知</rdf:li></rdf:Alt></dc:title>',
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">内部文件 请勿外传</rdf:li></rdf:Alt></dc:description>',
      '<pdf:Producer>WPS 文字</pdf:Producer>',
      '</rdf:Description></rdf:RDF></x:xmpmeta>',
      '<?xpacket end="w"?>',
    ].join('\n'),
    'utf8',
  );
  const metadata = pdf.add('<< /Type /Metadata /Subtype /XML >>', xmp);
  const root = addPages(
    pdf,
    [
      { content: page1, fonts: { F1: song.num } },
      { content: page2, fonts: { F1: song.num, F2: symbol.num, F3: stsong } },
    ],
    `/Metadata ${metadata} 0 R`,
    catalog,
  );
  const info = addInfo(pdf, {
    Title: '关于做好政府信息公开工作的通知',
    Author: '王五',
    Subject: '政府信息公开',
    Keywords: '内部资料',
    Creator: 'WPS 文字',
    Producer: 'WPS 文字',
  });
  return pdf.toBytes({ root, info, encrypt: opts.encrypt });
}

/** One page with a sticky note (author and a resident ID), a free-text box, a filled form field and a file attachment. */
export function annotatedPdf(): Uint8Array {
  const pdf = new PdfWriter();
  const song = new IdentityFont(pdf, 'SimSun');
  const content = run('F1', 16, 72, 760, song.show('信息公开申请答复书'));
  song.finish();
  const note = pdf.add(`<< /Type /Annot /Subtype /Text /Rect [400 740 420 760] /T ${pdfText('张三')} /Contents ${pdfText(`申请人身份证号 ${RESIDENT_ID}，请核实`)} >>`);
  const box = pdf.add(`<< /Type /Annot /Subtype /FreeText /Rect [72 600 300 640] /DA (/Helv 12 Tf 0 g) /T ${pdfText('李四')} /Contents ${pdfText('此件不公开')} >>`);
  const field = pdf.add(`<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [72 500 300 520] /T ${pdfText('联系电话')} /V ${pdfText(MOBILE)} /DA (/Helv 12 Tf 0 g) /F 4 >>`);
  const attachment = Buffer.from('附件：工作秘密 仅供内部使用', 'utf8');
  const embedded = pdf.add('<< /Type /EmbeddedFile /Subtype /text#2Fplain >>', attachment);
  const spec = pdf.add(`<< /Type /Filespec /F (notes.txt) /UF ${pdfText('附件1.txt')} /EF << /F ${embedded} 0 R >> >>`);
  const pagesCatalog = `/Names << /EmbeddedFiles << /Names [${pdfText('附件1.txt')} ${spec} 0 R] >> >> /AcroForm << /Fields [${field} 0 R] /DA (/Helv 12 Tf 0 g) >>`;
  const root = addPages(pdf, [{ content, fonts: { F1: song.num }, annots: [note, box, field] }], pagesCatalog);
  return pdf.toBytes({ root });
}

/** The two-page PDF with a user password: nothing can be read without it. */
export function encryptedPdf(): Uint8Array {
  return twoPagePdf({ encrypt: { userPassword: 'user-secret', ownerPassword: 'owner-secret' } });
}

/** Only an owner password (permissions restricted): it opens without a password and must be read. */
export function ownerPasswordPdf(): Uint8Array {
  return twoPagePdf({ encrypt: { userPassword: '', ownerPassword: 'owner-secret' } });
}

/**
 * The two-page PDF cut off, as an interrupted upload leaves it: in the middle (pages tree lost), or `atXref`, where
 * every object survived and only the xref table and trailer at the end are gone.
 */
export function truncatedPdf(opts: { atXref?: boolean } = {}): Uint8Array {
  const whole = twoPagePdf();
  const cut = opts.atXref ? Buffer.from(whole).lastIndexOf('xref\n') : Math.floor(whole.length * 0.45);
  return whole.subarray(0, cut);
}

interface Jpeg {
  width: number;
  height: number;
  components: number;
  bytes: Uint8Array;
}

function readJpeg(name: string): Jpeg {
  const bytes = new Uint8Array(readFileSync(path.join(IMAGES_DIR, name)));
  for (let at = 2; at + 9 < bytes.length; ) {
    const marker = bytes[at + 1];
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: (bytes[at + 5] << 8) | bytes[at + 6], width: (bytes[at + 7] << 8) | bytes[at + 8], components: bytes[at + 9], bytes };
    }
    at += 2 + length;
  }
  throw new Error(`${name}: no SOF marker`);
}

function addJpeg(pdf: PdfWriter, jpeg: Jpeg): number {
  const space = jpeg.components === 1 ? '/DeviceGray' : '/DeviceRGB';
  return pdf.add(`<< /Type /XObject /Subtype /Image /Width ${jpeg.width} /Height ${jpeg.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode >>`, jpeg.bytes);
}

/**
 * A scanned page: a JPEG image XObject and nothing else (the 红头 notice with 机密★10年), as a scanner's PDF holds
 * it. `sideways`: the scan is stored rotated a quarter turn and the page's /Rotate turns it upright.
 */
export function scannedPdf(opts: { sideways?: boolean } = {}): Uint8Array {
  const pdf = new PdfWriter();
  const jpeg = readJpeg(opts.sideways ? 'scan-page-sideways.jpg' : 'scan-page.jpg');
  const image = addJpeg(pdf, jpeg);
  // 150 dpi: the scan's pixels at half a point each.
  const w = (jpeg.width * 72) / 150;
  const h = (jpeg.height * 72) / 150;
  const page: PageSpec = { content: `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, xobjects: { Im0: image }, mediaBox: [w, h], rotate: opts.sideways ? 90 : undefined };
  return pdf.toBytes({ root: addPages(pdf, [page]) });
}

interface Bitmap {
  width: number;
  height: number;
  /** Rows of packed bits, 1 = black, each row padded to a byte (PBM P4, the same layout PDF uses). */
  bits: Uint8Array;
}

function readPbm(name: string): Bitmap {
  const bytes = new Uint8Array(readFileSync(path.join(IMAGES_DIR, name)));
  const header = /^P4\s+(\d+)\s+(\d+)\s/.exec(Buffer.from(bytes.subarray(0, 32)).toString('latin1'));
  if (!header) throw new Error(`${name}: not a binary PBM`);
  return { width: Number(header[1]), height: Number(header[2]), bits: bytes.subarray(header[0].length) };
}

/**
 * A black-and-white scan of 机密★10年 two ways a scanner writes one: page 1 a 1-bit DeviceGray image, page 2 a
 * stencil mask painted in the fill colour. The bitmap is drawn at 2 points a pixel, in the top right of an A4 page.
 */
export function bilevelScanPdf(): Uint8Array {
  const pdf = new PdfWriter();
  const pbm = readPbm('marking-48.pbm');
  const common = `/Width ${pbm.width} /Height ${pbm.height} /BitsPerComponent 1 /Decode [1 0]`;
  const gray = pdf.add(`<< /Type /XObject /Subtype /Image ${common} /ColorSpace /DeviceGray >>`, pbm.bits);
  const mask = pdf.add(`<< /Type /XObject /Subtype /Image ${common} /ImageMask true >>`, pbm.bits);
  const [w, h] = [pbm.width * 2, pbm.height * 2];
  const place = `${w} 0 0 ${h} ${595 - 24 - w} 700 cm`;
  const root = addPages(pdf, [
    { content: `q ${place} /Im0 Do Q`, xobjects: { Im0: gray } },
    { content: `q 0.8 0 0 rg ${place} /Im0 Do Q`, xobjects: { Im0: mask } },
  ]);
  return pdf.toBytes({ root });
}

/**
 * 机密★10年 as vector outlines only, no text and no image: what a template whose heading font was converted to
 * curves exports. Each run of black pixels of the bitmap is a filled rectangle.
 */
export function outlinedTextPdf(): Uint8Array {
  const pdf = new PdfWriter();
  const pbm = readPbm('marking-48.pbm');
  const stride = (pbm.width + 7) >> 3;
  const black = (x: number, y: number): boolean => ((pbm.bits[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1) === 1;
  const runs: string[] = [];
  for (let y = 0; y < pbm.height; y++) {
    for (let x = 0; x < pbm.width; x++) {
      if (!black(x, y)) continue;
      let end = x;
      while (end + 1 < pbm.width && black(end + 1, y)) end++;
      runs.push(`${x} ${pbm.height - 1 - y} ${end - x + 1} 1 re`);
      x = end;
    }
  }
  const content = `q 1.5 0 0 1.5 100 600 cm 0 g\n${runs.join('\n')}\nf Q`;
  return pdf.toBytes({ root: addPages(pdf, [{ content }]) });
}

/** A page whose only image claims 12000 × 9000 pixels (a large-format scan): more than OCR takes. */
export function oversizedScanPdf(): Uint8Array {
  const pdf = new PdfWriter();
  const image = pdf.add('<< /Type /XObject /Subtype /Image /Width 12000 /Height 9000 /ColorSpace /DeviceGray /BitsPerComponent 8 >>', new Uint8Array(16));
  return pdf.toBytes({ root: addPages(pdf, [{ content: 'q 595 0 0 446 0 200 cm /Im0 Do Q', xobjects: { Im0: image } }]) });
}

/** A text page followed by a scanned page: what a notice with a scanned signed original appended looks like. */
export function mixedPdf(): Uint8Array {
  const pdf = new PdfWriter();
  const song = new IdentityFont(pdf, 'SimSun');
  const text = [
    run('F1', 16, 72, 760, song.show('关于印发工作要点的通知')),
    run('F1', 16, 72, 732, song.show('原件扫描件见第2页。')),
  ].join('\n');
  song.finish();
  const jpeg = readJpeg('scan-page.jpg');
  const image = addJpeg(pdf, jpeg);
  // A page number in the footer: a scanned page is rarely entirely without text.
  const scan = `q 595 0 0 ${(595 * jpeg.height) / jpeg.width} 0 400 cm /Im0 Do Q\n${run('F0', 10, 290, 30, '(- 2 -)')}`;
  const helvetica = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const root = addPages(pdf, [
    { content: text, fonts: { F1: song.num } },
    { content: scan, fonts: { F0: helvetica }, xobjects: { Im0: image } },
  ]);
  return pdf.toBytes({ root });
}

/**
 * A full-page scan with text over it: `invisible`, the OCR layer a scanner's software adds (render mode 3), or
 * visible, typed paragraphs with a scanned original pasted under them (a Word document with a picture).
 */
export function scanWithTextPdf(opts: { invisible: boolean }): Uint8Array {
  const pdf = new PdfWriter();
  const song = new IdentityFont(pdf, 'SimSun');
  const jpeg = readJpeg('scan-page.jpg');
  const image = addJpeg(pdf, jpeg);
  const h = (595 * jpeg.height) / jpeg.width;
  const layer = opts.invisible ? '关于加强政府信息公开保密审查的通知（识别层文字）' : '现将原件扫描件附后，请各单位认真学习贯彻。';
  const text = `BT ${opts.invisible ? '3 Tr ' : ''}/F1 14 Tf 1 0 0 1 60 ${opts.invisible ? 600 : 120} Tm ${song.show(layer)} Tj ET`;
  song.finish();
  const content = `q 595 0 0 ${h} 0 ${842 - h - 40} cm /Im0 Do Q\n${text}`;
  return pdf.toBytes({ root: addPages(pdf, [{ content, fonts: { F1: song.num }, xobjects: { Im0: image } }]) });
}

/** `count` text pages, for the page limit and for timing. */
export function manyPagesPdf(count: number): Uint8Array {
  const pdf = new PdfWriter();
  const song = new IdentityFont(pdf, 'SimSun');
  const pages: PageSpec[] = [];
  for (let n = 1; n <= count; n++) {
    const lines = Array.from({ length: 30 }, (_v, k) => run('F1', 12, 72, 780 - k * 24, song.show(`第${n}页第${k + 1}行：为做好政府信息公开保密审查工作，现将有关事项通知如下。`)));
    pages.push({ content: lines.join('\n'), fonts: { F1: song.num } });
  }
  song.finish();
  return pdf.toBytes({ root: addPages(pdf, pages) });
}
