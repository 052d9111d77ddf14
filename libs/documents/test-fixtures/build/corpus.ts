import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateRawSync, deflateSync, inflateSync, constants as zlib } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { buildDocx, buildEncryptedOoxml, deleted, para, run, textPara, type DocxParts } from './docx-fixtures';
import { buildOfd, line, noticeOfd, type OfdSpec } from './ofd-fixtures';
import { annotatedPdf, encryptedPdf, IMAGES_DIR, ownerPasswordPdf, RESIDENT_ID, scannedPdf, truncatedPdf, twoPagePdf } from './pdf-fixtures';
import { PdfWriter, pdfAscii, utf16be } from './pdf-writer';
import { briefingDeck, buildPptx, textShape } from './pptx-fixtures';
import { bombWorkbook, buildXlsx, FULL_IDS, inlineCell, personnelWorkbook, row, sharedCell, si } from './xlsx-fixtures';

/**
 * A corpus of files in every format the service reads, clean ones and ones hiding a marking or personal data in
 * each kind of place, plus damaged, encrypted and zip-bomb files, with a MANIFEST.tsv of the verdict each must get.
 * Built by the fixture builders, nothing downloaded:  npm run -s fixtures -- OUT_DIR
 */

export type ExpectedVerdict = 'pass' | 'review' | 'block';

export interface CorpusFile {
  /** Path under the output folder, `format/name.ext`. */
  name: string;
  bytes: Uint8Array;
  verdict: ExpectedVerdict;
  tests: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The 18-character resident ID for 17 digits: its check character by ISO 7064 MOD 11-2 (GB 11643). */
export function residentId(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`residentId needs 17 digits, not "${first17}"`);
  const sum = [...first17].reduce((s, d, k) => s + Number(d) * WEIGHTS[k], 0);
  return first17 + '10X98765432'[sum % 11];
}

export const isValidResidentId = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && residentId(id.slice(0, 17)) === id;

/** The corpus's own resident ID (a 南充 prefix, as the masked ones show) and a second mobile. */
export const CORPUS_ID = residentId('51130219850612341');
export const CORPUS_MOBILE = '13912345678';

const MARKING = '机密★10年';
const MASKED_IDS = ['5113**********1234', '5113**********2345'];

/** A public notice with nothing that may not be published: masked IDs, office hotlines, dates and amounts. */
const CLEAN_LINES = [
  '关于2024年度城乡居民基本医疗保险参保缴费的公告',
  '各位参保居民：根据上级有关文件要求，现将2024年度城乡居民基本医疗保险参保缴费有关事项公告如下。',
  '一、缴费时间：2023年9月1日至2023年12月31日。',
  '二、缴费标准：每人每年380元，特困人员由财政全额资助。',
  `三、已完成登记的人员：张三（身份证号${MASKED_IDS[0]}）、王五（身份证号${MASKED_IDS[1]}）。`,
  '四、咨询电话：0817-2222222；政务服务便民热线：12345。',
  '某县医疗保障局　2023年8月25日',
];

const image = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(IMAGES_DIR, name)));

/** The first part of a file, as an interrupted upload leaves it. */
const truncated = (bytes: Uint8Array, keep = 0.6): Uint8Array => bytes.slice(0, Math.floor(bytes.length * keep));

// ---------------------------------------------------------------------------------------------------------------
// Zip members written by hand, for what fflate does not write: ZipCrypto encryption and members too large to hold.

interface RawMember {
  name: string;
  method: 0 | 8;
  /** The member's data as stored (compressed, encrypted). */
  data: Uint8Array[];
  crc: number;
  size: number;
  flags?: number;
}

function deflatedMember(name: string, bytes: Uint8Array): RawMember {
  return { name, method: 8, data: [new Uint8Array(deflateRawSync(bytes))], crc: crc32(bytes), size: bytes.length };
}

/** A zip archive of the members in order, sizes in 32 bits (every member here stays under 4 GiB). */
function writeZip(members: RawMember[]): Uint8Array {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = strToU8(m.name);
    const stored = m.data.reduce((n, d) => n + d.length, 0);
    const flags = (m.flags ?? 0) | 0x0800; // UTF-8 names
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(0x58210000, 10); // 2024-01-01 00:00 in DOS time
    local.writeUInt32LE(m.crc >>> 0, 14);
    local.writeUInt32LE(stored, 18);
    local.writeUInt32LE(m.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    local.copy(entry, 8, 6, 26);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    out.push(local, name, ...m.data);
    central.push(entry, name);
    offset += 30 + name.length + stored;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...out, ...central, end]));
}

/**
 * A member that inflates to `head`, `megabytes` MB of `fill`, then `tail`, from about a thousandth of that: one
 * compressed megabyte repeated, each copy after a full flush so it stands alone, with the true CRC.
 */
function bombMember(name: string, megabytes: number, fill: number, head = new Uint8Array(0), tail = new Uint8Array(0)): RawMember {
  const block = new Uint8Array(1 << 20).fill(fill);
  const flushed = (b: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(b, { level: 9, finishFlush: zlib.Z_FULL_FLUSH }));
  const blockZ = flushed(block);
  let crc = crc32(head);
  for (let k = 0; k < megabytes; k++) crc = crc32(block, crc);
  crc = crc32(tail, crc);
  const data = [flushed(head), ...new Array<Uint8Array>(megabytes).fill(blockZ), new Uint8Array(deflateRawSync(tail, { level: 9 }))];
  return { name, method: 8, data, crc, size: head.length + megabytes * block.length + tail.length };
}

/** A zip with one member, `zeros.bin`, that inflates to `megabytes` MB of zero bytes (about 1 KB per MB stored). */
export function zeroBombZip(megabytes = 1024): Uint8Array {
  return writeZip([bombMember('zeros.bin', megabytes, 0)]);
}

/** A .docx whose word/document.xml inflates to `megabytes` MB (spaces inside the body). */
function bombDocx(megabytes: number): Uint8Array {
  const members = Object.entries(unzipSync(buildDocx({ body: textPara(CLEAN_LINES[0]) })));
  return writeZip(
    members.map(([name, bytes]) => {
      if (name !== 'word/document.xml') return deflatedMember(name, bytes);
      const xml = Buffer.from(bytes).toString('utf8');
      const at = xml.indexOf('<w:body>') + '<w:body>'.length;
      return bombMember(name, megabytes, 0x20, strToU8(xml.slice(0, at)), strToU8(xml.slice(at)));
    }),
  );
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crcByte = (crc: number, b: number): number => (CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8)) >>> 0;

/** Traditional PKWARE encryption (ZipCrypto), what "set a password" in most zip tools still writes. */
function zipCrypto(member: RawMember, password: string): RawMember {
  let k0 = 0x12345678;
  let k1 = 0x23456789;
  let k2 = 0x34567890;
  const update = (b: number): void => {
    k0 = crcByte(k0, b);
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    k2 = crcByte(k2, k1 >>> 24);
  };
  const keyByte = (): number => {
    const t = (k2 | 2) & 0xffff;
    return (Math.imul(t, t ^ 1) >>> 8) & 0xff;
  };
  for (const ch of strToU8(password)) update(ch);
  const plain = Buffer.concat([Buffer.from([0x5a, 0x31, 0xc4, 0x07, 0x9e, 0x22, 0x6b, 0xd0, 0x48, 0x13, 0xf5, (member.crc >>> 24) & 0xff]), ...member.data]);
  const sealed = new Uint8Array(plain.length);
  plain.forEach((p, k) => {
    sealed[k] = p ^ keyByte();
    update(p);
  });
  return { ...member, data: [sealed], flags: (member.flags ?? 0) | 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Formats the builders have no composition for.

/** A text PDF, one page per list of lines, in STSong-Light with UniGB-UCS2-H (an older export with a non-embedded 宋体). */
function textPdf(pages: string[][]): Uint8Array {
  const pdf = new PdfWriter();
  const catalog = pdf.reserve();
  const pagesNum = pdf.reserve();
  const descriptor = pdf.add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cidFont = pdf.add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry ${pdfAscii('Adobe')} /Ordering ${pdfAscii('GB1')} /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
  const font = pdf.add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  const kids = pages.map((lines) => {
    const content = lines.map((text, k) => `BT /F1 14 Tf 1 0 0 1 72 ${780 - k * 28} Tm <${utf16be(text)}> Tj ET`).join('\n');
    const stream = pdf.add('<< >>', Buffer.from(content, 'latin1'));
    return pdf.add(`<< /Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`);
  });
  pdf.set(pagesNum, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pagesNum} 0 R >>`);
  return pdf.toBytes({ root: catalog });
}

const html = (body: string, head = ''): Uint8Array =>
  strToU8(`<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${CLEAN_LINES[0]}</title>${head}</head>\n<body>\n${body}\n</body></html>\n`);
const htmlParagraphs = (lines: string[]): string => lines.map((l, k) => (k === 0 ? `<h1>${l}</h1>` : `<p>${l}</p>`)).join('\n');

interface GrayPng {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom. */
  gray: Uint8Array;
}

/** Decodes an 8-bit grayscale, non-interlaced PNG (what render-images.sh writes). */
function readGrayPng(bytes: Uint8Array): GrayPng {
  const b = Buffer.from(bytes);
  const [width, height, depth, colour, , , interlace] = [b.readUInt32BE(16), b.readUInt32BE(20), b[24], b[25], b[26], b[27], b[28]];
  if (depth !== 8 || colour !== 0 || interlace !== 0) throw new Error('readGrayPng: only 8-bit grayscale, non-interlaced');
  const idat: Buffer[] = [];
  for (let at = 8; at < b.length; ) {
    const length = b.readUInt32BE(at);
    if (b.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)];
    for (let x = 0; x < width; x++) {
      const a = x > 0 ? gray[y * width + x - 1] : 0;
      const up = y > 0 ? gray[(y - 1) * width + x] : 0;
      const c = x > 0 && y > 0 ? gray[(y - 1) * width + x - 1] : 0;
      const p = a + up - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - up) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - up) <= Math.abs(p - c) ? up : c;
      const predictor = [0, a, up, (a + up) >> 1, paeth][filter];
      gray[y * width + x] = (raw[y * (width + 1) + 1 + x] + predictor) & 0xff;
    }
  }
  return { width, height, gray };
}

function writeGrayPng(png: GrayPng): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(png.width, 0);
  header.writeUInt32BE(png.height, 4);
  header[8] = 8;
  const raw = new Uint8Array((png.width + 1) * png.height);
  for (let y = 0; y < png.height; y++) raw.set(png.gray.subarray(y * png.width, (y + 1) * png.width), y * (png.width + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}

/**
 * The committed mobile.png (联系人：张三  手机：13812345678) cut before 手机, with a white margin: a clean image with
 * text, which OCR reads and which must pass. Column 224 is the middle of the blank between 张三 and 手机.
 */
function contactOnlyPng(): Uint8Array {
  const src = readGrayPng(image('mobile.png'));
  const keep = 224;
  const margin = 24;
  const width = keep + margin;
  const gray = new Uint8Array(width * src.height).fill(255);
  for (let y = 0; y < src.height; y++) gray.set(src.gray.subarray(y * src.width, y * src.width + keep), y * width);
  return writeGrayPng({ width, height: src.height, gray });
}

// ---------------------------------------------------------------------------------------------------------------

const cleanBody = (): string => CLEAN_LINES.map(textPara).join('');
const docx = (parts: Partial<DocxParts>): Uint8Array => buildDocx({ body: cleanBody(), ...parts });

function cleanWorkbook(): Uint8Array {
  return buildXlsx({
    title: '2024年度参保登记公示',
    sharedStrings: [si('姓名'), si('身份证号'), si('咨询电话'), si('张三'), si(MASKED_IDS[0]), si('王五'), si(MASKED_IDS[1])],
    sheets: [
      {
        name: '公示名单',
        sheetData:
          row(1, [sharedCell('A1', 0), sharedCell('B1', 1), sharedCell('C1', 2)]) +
          row(2, [sharedCell('A2', 3), sharedCell('B2', 4), inlineCell('C2', '0817-2222222')]) +
          row(3, [sharedCell('A3', 5), sharedCell('B3', 6), inlineCell('C3', '12345')]),
      },
    ],
  });
}

function hiddenSheetWorkbook(): Uint8Array {
  return buildXlsx({
    title: '2024年度参保登记公示',
    sharedStrings: [si('姓名'), si('身份证号'), si('张三'), si(MASKED_IDS[0]), si('王五'), si(MASKED_IDS[1])],
    sheets: [
      {
        name: '公示名单',
        sheetData: row(1, [sharedCell('A1', 0), sharedCell('B1', 1)]) + row(2, [sharedCell('A2', 2), sharedCell('B2', 3)]) + row(3, [sharedCell('A3', 4), sharedCell('B3', 5)]),
      },
      {
        name: '原始数据',
        state: 'hidden',
        sheetData: row(1, [inlineCell('A1', '张三'), inlineCell('B1', CORPUS_ID)]) + row(2, [inlineCell('A2', '王五'), inlineCell('B2', FULL_IDS[1])]),
      },
    ],
  });
}

const deckSlide = (title: string, body: string[][]): { shapes: string[] } => ({ shapes: [textShape(2, [[title]], 'title'), textShape(3, body, 'body')] });

function cleanDeck(notes?: string[][]): Uint8Array {
  return buildPptx({
    title: CLEAN_LINES[0],
    slides: [
      { ...deckSlide(CLEAN_LINES[0], [[CLEAN_LINES[1]]]), ...(notes ? { notes } : {}) },
      deckSlide('缴费方式', CLEAN_LINES.slice(2, 6).map((l) => [l])),
    ],
  });
}

function cleanOfd(opts: Pick<OfdSpec, 'encrypted'> = {}): Uint8Array {
  return buildOfd({ ...opts, info: { title: CLEAN_LINES[0], author: '某县医疗保障局' }, pages: [{ objects: CLEAN_LINES.map((l, k) => line(25, 40 + k * 12, l)) }] });
}

/** Every file of the corpus, in MANIFEST order. */
export function corpusFiles(): CorpusFile[] {
  for (const id of [CORPUS_ID, RESIDENT_ID, ...FULL_IDS]) if (!isValidResidentId(id)) throw new Error(`invalid resident ID ${id}`);
  const files: CorpusFile[] = [];
  const add = (name: string, bytes: Uint8Array, verdict: ExpectedVerdict, tests: string): void => {
    files.push({ name, bytes, verdict, tests });
  };
  const ocr = '(needs OCR: review without Tesseract chi_sim)';

  const splitRuns = para(run('机') + run('密', '<w:b/>') + run('★', '<w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/>') + run('10') + run('年'));
  add('docx/clean.docx', docx({}), 'pass', 'clean notice: masked IDs, office hotlines 0817-2222222 / 12345');
  add('docx/marking-header.docx', docx({ headers: { 'header1.xml': textPara(MARKING) } }), 'block', `${MARKING} in the default page header only`);
  add('docx/marking-split-runs.docx', docx({ body: splitRuns + cleanBody() }), 'block', `${MARKING} split across five runs with different formatting`);
  add('docx/marking-tracked-deletion.docx', docx({ body: para(run('本通知') + deleted(MARKING, '王科员') + run('现予公开。')) + cleanBody() }), 'block', `${MARKING} inside a tracked deletion (w:del/w:delText)`);
  add(
    'docx/comment-resident-id.docx',
    docx({
      body: para('<w:commentRangeStart w:id="1"/>' + run(CLEAN_LINES[0]) + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>') + cleanBody(),
      comments: { 1: { author: '李四', paragraphs: textPara(`申请人身份证号${CORPUS_ID}，请核实`) } },
    }),
    'review',
    'full resident ID in a comment (body clean)',
  );
  add(
    'docx/footnote-mobile.docx',
    docx({ body: para(run(CLEAN_LINES[1]) + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>') + cleanBody(), footnotes: { 1: textPara(`经办人手机：${CORPUS_MOBILE}`) } }),
    'review',
    'mobile number in a footnote',
  );
  add('docx/hidden-text-resident-id.docx', docx({ body: para(run(CLEAN_LINES[4]) + run(`（原始：${CORPUS_ID}）`, '<w:vanish/>')) + cleanBody() }), 'review', 'full resident ID in hidden text (w:vanish)');
  add('docx/truncated.docx', truncated(docx({})), 'review', 'damaged: cut at 60%, central directory lost');
  add('docx/encrypted.docx', buildEncryptedOoxml(), 'review', 'password-protected OOXML (OLE EncryptionInfo + EncryptedPackage)');
  add('docx/zip-bomb.docx', bombDocx(512), 'review', 'zip bomb: word/document.xml inflates to 512 MB of spaces');

  add('xlsx/clean.xlsx', cleanWorkbook(), 'pass', 'clean list: masked IDs, hotlines');
  add('xlsx/hidden-sheet-full-ids.xlsx', hiddenSheetWorkbook(), 'review', 'visible sheet masked, hidden sheet holds the full resident IDs');
  add('xlsx/personnel-list.xlsx', personnelWorkbook(), 'review', 'builder personnelWorkbook: very hidden sheet with full IDs, number-stored mobile, comment, 内部资料 header');
  add(
    'xlsx/cell-comment-mobile.xlsx',
    buildXlsx({ sharedStrings: [si('咨询电话'), si('0817-2222222')], sheets: [{ name: 'Sheet1', sheetData: row(1, [sharedCell('A1', 0), sharedCell('B1', 1)]), comments: [{ ref: 'B1', author: '张科长', text: `经办人手机 ${CORPUS_MOBILE}` }] }] }),
    'review',
    'mobile number in a cell comment only',
  );
  add('xlsx/truncated.xlsx', truncated(cleanWorkbook()), 'review', 'damaged: cut at 60%');
  add('xlsx/encrypted.xlsx', buildEncryptedOoxml(), 'review', 'password-protected OOXML container');
  add('xlsx/zip-bomb.xlsx', bombWorkbook(300), 'review', 'builder bombWorkbook: a sheet inflating to 300 MB of spaces');

  add('pptx/clean.pptx', cleanDeck(), 'pass', 'clean deck, no speaker notes (any notes are hidden content: review)');
  add('pptx/notes-resident-id.pptx', cleanDeck([['讲解时不要念出身份证号 ', CORPUS_ID]]), 'review', 'full resident ID in speaker notes only');
  add('pptx/marking-split-runs.pptx', buildPptx({ slides: [{ shapes: [textShape(2, [['机密', '★', '10', '年']], 'title')] }, deckSlide('缴费方式', [[CLEAN_LINES[2]]])] }), 'block', `${MARKING} in a title split across runs`);
  add('pptx/hidden-slide-marking.pptx', buildPptx({ slides: [deckSlide(CLEAN_LINES[0], [[CLEAN_LINES[1]]]), { hidden: true, shapes: [textShape(2, [[MARKING]], 'title')] }] }), 'block', `${MARKING} on a hidden slide`);
  add('pptx/briefing-deck.pptx', briefingDeck(CORPUS_ID), 'block', 'builder briefingDeck: split marking, ID in notes, comments, SmartArt, master text');
  add('pptx/truncated.pptx', truncated(cleanDeck()), 'review', 'damaged: cut at 60%');

  add('pdf/clean.pdf', textPdf([CLEAN_LINES]), 'pass', 'clean text PDF (UniGB-UCS2-H font)');
  add('pdf/marking-page2.pdf', twoPagePdf(), 'block', `builder twoPagePdf: ${MARKING} in three text items on page 2`);
  add('pdf/annotation-resident-id.pdf', annotatedPdf(), 'review', 'builder annotatedPdf: resident ID in a sticky note, mobile in a form field (page text clean)');
  add('pdf/scanned-marking.pdf', scannedPdf(), 'block', `scanned page (JPEG only) with ${MARKING} ${ocr}`);
  add('pdf/scanned-sideways.pdf', scannedPdf({ sideways: true }), 'block', `scanned page stored sideways, turned upright by /Rotate ${ocr}`);
  add('pdf/owner-password.pdf', ownerPasswordPdf(), 'block', 'owner password only (RC4): opens without a password, must be read');
  add('pdf/encrypted.pdf', encryptedPdf(), 'review', 'user password (RC4 128): nothing readable');
  add('pdf/truncated.pdf', truncatedPdf(), 'review', 'damaged: cut at 45%, pages tree lost');
  add('pdf/truncated-at-xref.pdf', truncatedPdf({ atXref: true }), 'block', 'cut at the xref table: every object survives, the marking must still be found');

  const scan = image('scan-page.jpg');
  add('ofd/clean.ofd', cleanOfd(), 'pass', 'clean OFD notice');
  add('ofd/notice-marking.ofd', noticeOfd(), 'block', `builder noticeOfd: ${MARKING} split into two TextCodes on page 2`);
  add(
    'ofd/template-marking.ofd',
    buildOfd({ info: { title: CLEAN_LINES[0] }, templates: { T1: [line(150, 15, MARKING)] }, pages: [{ templates: [{ id: 'T1' }], objects: CLEAN_LINES.map((l, k) => line(25, 40 + k * 12, l)) }] }),
    'block',
    `${MARKING} only in a template page the page draws under its content`,
  );
  add(
    'ofd/annotation-resident-id.ofd',
    buildOfd({ info: { title: CLEAN_LINES[0] }, pages: [{ objects: CLEAN_LINES.map((l, k) => line(25, 40 + k * 12, l)), annotations: [{ creator: '王科员', remark: `身份证号${CORPUS_ID}需遮盖` }] }] }),
    'review',
    'full resident ID in an annotation remark',
  );
  add('ofd/scanned-marking.ofd', buildOfd({ pages: [{ images: ['R1'] }], images: { R1: { file: 'image_1.jpg', bytes: scan, format: 'JPEG' } } }), 'block', `page that is only a scanned image with ${MARKING} ${ocr}`);
  add('ofd/encrypted.ofd', cleanOfd({ encrypted: true }), 'review', 'GM/T 0099 Encryptions.xml present');
  add('ofd/truncated.ofd', truncated(noticeOfd()), 'review', 'damaged: cut at 60%');

  add('images/clean-contact.png', contactOnlyPng(), 'pass', `committed mobile.png cut before the number: 联系人：张三 only ${ocr}`);
  add('images/scan-page.jpg', scan, 'block', `committed scan of a 红头 notice with ${MARKING} and a mobile ${ocr}`);
  add('images/scan-page-sideways.jpg', image('scan-page-sideways.jpg'), 'block', `the same scan turned a quarter ${ocr}`);
  add('images/marking-48.png', image('marking-48.png'), 'block', `${MARKING} alone at 48 px ${ocr}`);
  add('images/marking-24.png', image('marking-24.png'), 'block', `${MARKING} alone at 24 px ${ocr}`);
  add('images/mobile.png', image('mobile.png'), 'review', `contact line with a mobile ${ocr}`);

  add('html/clean.html', html(htmlParagraphs(CLEAN_LINES)), 'pass', 'clean notice page');
  add('html/comment-resident-id.html', html(`${htmlParagraphs(CLEAN_LINES)}\n<!-- 原始名单：张三 ${CORPUS_ID} -->`), 'review', 'full resident ID in an HTML comment');
  add('html/hidden-marking.html', html(`<div style="display:none">${MARKING}</div>\n${htmlParagraphs(CLEAN_LINES)}`), 'block', `${MARKING} in an element hidden by display:none`);
  add('html/marking-split-tags.html', html(`<p class="mj"><span>机</span><b>密</b>★<span>10</span>年</p>\n${htmlParagraphs(CLEAN_LINES)}`), 'block', `${MARKING} split across inline tags`);
  add('html/attribute-mobile.html', html(`${htmlParagraphs(CLEAN_LINES)}\n<a href="tel:0817-2222222" title="经办人 ${CORPUS_MOBILE}">咨询电话</a>`), 'review', 'mobile number in a title attribute');

  const text = (s: string): Uint8Array => strToU8(s.endsWith('\n') ? s : `${s}\n`);
  add('txt/clean.txt', text(CLEAN_LINES.join('\n')), 'pass', 'clean notice text');
  add('txt/resident-id.txt', text([...CLEAN_LINES.slice(0, 4), `经办人：赵六，身份证号${CORPUS_ID}。`].join('\n')), 'review', 'full resident ID in plain text');
  add('txt/mobile-spaced.txt', text([...CLEAN_LINES.slice(0, 4), '联系人：赵六，手机139 1234 5678。'].join('\n')), 'review', 'mobile written with spaces');
  add('txt/marking.txt', text([MARKING, ...CLEAN_LINES].join('\n')), 'block', `${MARKING} on the first line`);
  add('txt/marking-utf16le.txt', new Uint8Array(Buffer.from(`\ufeff${[MARKING, ...CLEAN_LINES].join('\r\n')}\r\n`, 'utf16le')), 'block', `${MARKING} in UTF-16LE with a BOM (Windows Notepad "Unicode")`);

  const cleanTxt = text(CLEAN_LINES.join('\n'));
  add('zip/clean.zip', writeZip([deflatedMember('公告.docx', docx({})), deflatedMember('公告.txt', cleanTxt)]), 'pass', 'clean docx and txt');
  add('zip/nested-marking.zip', writeZip([deflatedMember('说明.txt', cleanTxt), deflatedMember('附件/通知.docx', docx({ headers: { 'header1.xml': textPara(MARKING) } }))]), 'block', `a docx with ${MARKING} in its header, inside a folder of the zip`);
  add('zip/nested-zip-resident-id.zip', writeZip([deflatedMember('内层.zip', writeZip([deflatedMember('名单.txt', text(`张三 ${CORPUS_ID}`))]))]), 'review', 'resident ID in a text file in a zip in a zip');
  add('zip/encrypted.zip', writeZip([zipCrypto(deflatedMember('公告.txt', text([MARKING, ...CLEAN_LINES].join('\n'))), 'secret')]), 'review', 'ZipCrypto-encrypted member (password "secret"): not readable');
  add('zip/truncated.zip', truncated(writeZip([deflatedMember('公告.docx', docx({})), deflatedMember('公告.txt', cleanTxt)])), 'review', 'damaged: cut at 60%');
  add('zip/zip-bomb.zip', zeroBombZip(1024), 'review', 'zip bomb: one member inflating to 1 GB of zeros (about 1 MB stored)');
  return files;
}

/** Writes the corpus and MANIFEST.tsv into `dir`; returns the files written. */
export function writeCorpus(dir: string): CorpusFile[] {
  const files = corpusFiles();
  for (const f of files) {
    const target = path.join(dir, f.name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.bytes);
  }
  const manifest = ['file\texpected\ttests', ...files.map((f) => `${f.name}\t${f.verdict}\t${f.tests}`)].join('\n') + '\n';
  writeFileSync(path.join(dir, 'MANIFEST.tsv'), manifest);
  return files;
}

/** The `fixtures` command: 0 done, 2 usage. */
export function main(argv: readonly string[]): number {
  const dir = argv.find((a) => a !== '--');
  if (!dir || dir.startsWith('-')) {
    console.error('usage: npm run -s fixtures -- OUT_DIR   (writes the corpus and MANIFEST.tsv there)');
    return 2;
  }
  const files = writeCorpus(path.resolve(dir));
  const count = (v: ExpectedVerdict): number => files.filter((f) => f.verdict === v).length;
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  process.stdout.write(`${files.length} files (${count('pass')} pass, ${count('review')} review, ${count('block')} block), ${(bytes / 1e6).toFixed(1)} MB, and MANIFEST.tsv in ${path.resolve(dir)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
