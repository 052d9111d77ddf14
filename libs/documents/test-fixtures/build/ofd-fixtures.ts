import { strToU8, zipSync } from 'fflate';
import { xml } from './xlsx-fixtures';

const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** One TextCode: X and Y relative to its text object's Boundary, DeltaX as written (`g 3 5.6` allowed). */
export interface OfdCode {
  x?: number;
  y?: number;
  text: string;
  deltaX?: string;
  deltaY?: string;
}

/** One TextObject. `ctm` as written; `size` in millimetres (or in points when a CTM scales them, as 福昕 writes). */
export interface OfdTextObject {
  boundary: [number, number, number, number];
  size: number;
  ctm?: string;
  codes: OfdCode[];
  /** Glyph indices only (`CGTransform`), the TextCode left empty. */
  glyphsOnly?: boolean;
}

export interface OfdPage {
  objects?: OfdTextObject[];
  /** Image resource ids drawn on the page, each full page. */
  images?: string[];
  /** Template ids the page uses, with their ZOrder. */
  templates?: { id: string; zOrder?: 'Background' | 'Foreground' }[];
  annotations?: { creator: string; type?: string; remark?: string; appearance?: OfdTextObject[] }[];
}

export interface OfdSpec {
  info?: { title?: string; author?: string; subject?: string; abstract?: string; keywords?: string[]; custom?: Record<string, string> };
  pages: OfdPage[];
  templates?: Record<string, OfdTextObject[]>;
  /** Image resources by id: file name under Doc_0/Res/ and its bytes. */
  images?: Record<string, { file: string; bytes: Uint8Array; format: string }>;
  attachments?: { name: string; file: string; bytes: Uint8Array }[];
  outline?: string[];
  /** Write BaseLoc values from the package root (`/Doc_0/Pages/…`), as some exporters do. */
  absolute?: boolean;
  /** Add a GM/T 0099 `Encryptions.xml` entry. */
  encrypted?: boolean;
  /** Add a seal signature (Signs/), which the reader ignores. */
  signed?: boolean;
}

let nextId = 100;

export function textObject(o: OfdTextObject): string {
  const id = nextId++;
  const codes = o.codes
    .map((c) => {
      const attrs = `${c.x === undefined ? '' : ` X="${c.x}"`}${c.y === undefined ? '' : ` Y="${c.y}"`}${c.deltaX ? ` DeltaX="${c.deltaX}"` : ''}${c.deltaY ? ` DeltaY="${c.deltaY}"` : ''}`;
      return o.glyphsOnly
        ? `<ofd:CGTransform CodePosition="0" CodeCount="1" GlyphCount="${[...c.text].length}"><ofd:Glyphs>${[...c.text].map((_ch, k) => 4460 + k).join(' ')}</ofd:Glyphs></ofd:CGTransform><ofd:TextCode${attrs}></ofd:TextCode>`
        : `<ofd:TextCode${attrs}>${xml(c.text)}</ofd:TextCode>`;
    })
    .join('');
  return (
    `<ofd:TextObject ID="${id}"${o.ctm ? ` CTM="${o.ctm}"` : ''} Boundary="${o.boundary.join(' ')}" Font="5" Size="${o.size}">` +
    `<ofd:FillColor Value="0 0 0"/>${codes}</ofd:TextObject>`
  );
}

/** A line of text as one object with one code, DeltaX for each glyph but the last. */
export function line(x: number, y: number, text: string, size = 5.6): OfdTextObject {
  const n = [...text].length;
  return { boundary: [x, y - size, 170, size * 1.4], size, codes: [{ x: 0, y: size, text, ...(n > 1 ? { deltaX: `g ${n - 1} ${size}` } : {}) }] };
}

/** A line as 数科 often exports a title: every glyph its own text object. */
export function glyphByGlyph(x: number, y: number, text: string, size = 7.8): OfdTextObject[] {
  return [...text].map((ch, k) => ({ boundary: [x + k * size, y - size, size, size * 1.3], size, codes: [{ x: 0, y: size, text: ch }] }));
}

const content = (objects: string): string =>
  `<ofd:Content><ofd:Layer ID="${nextId++}" Type="Body">${objects}</ofd:Layer></ofd:Content>`;

/** Builds an .ofd as GB/T 33190 lays it out: OFD.xml → Doc_0/Document.xml → pages, templates, resources. */
export function buildOfd(spec: OfdSpec): Uint8Array {
  nextId = 100;
  const files: Record<string, string | Uint8Array> = {};
  const loc = (path: string): string => (spec.absolute ? `/Doc_0/${path}` : path);
  const info = spec.info ?? {};
  files['OFD.xml'] =
    `${DECL}<ofd:OFD ${NS} DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6c1b3ee0a0b34b0c9b2f0f7c2c5d9e11</ofd:DocID>` +
    `${info.title ? `<ofd:Title>${xml(info.title)}</ofd:Title>` : ''}${info.author ? `<ofd:Author>${xml(info.author)}</ofd:Author>` : ''}` +
    `${info.subject ? `<ofd:Subject>${xml(info.subject)}</ofd:Subject>` : ''}${info.abstract ? `<ofd:Abstract>${xml(info.abstract)}</ofd:Abstract>` : ''}` +
    '<ofd:CreationDate>2024-03-01</ofd:CreationDate><ofd:ModDate>2024-03-02</ofd:ModDate>' +
    `${info.keywords ? `<ofd:Keywords>${info.keywords.map((k) => `<ofd:Keyword>${xml(k)}</ofd:Keyword>`).join('')}</ofd:Keywords>` : ''}` +
    '<ofd:Creator>Suwell OFD Writer</ofd:Creator><ofd:CreatorVersion>3.0</ofd:CreatorVersion>' +
    `${info.custom ? `<ofd:CustomDatas>${Object.entries(info.custom).map(([k, v]) => `<ofd:CustomData Name="${xml(k)}">${xml(v)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>` : ''}` +
    `</ofd:DocInfo><ofd:DocRoot>${spec.absolute ? '/' : ''}Doc_0/Document.xml</ofd:DocRoot>${spec.signed ? '<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>' : ''}</ofd:DocBody></ofd:OFD>`;
  const templates = Object.entries(spec.templates ?? {});
  for (const [id, objects] of templates) {
    files[`Doc_0/Tpls/Tpl_${id}/Content.xml`] = `${DECL}<ofd:Page ${NS}>${content(objects.map(textObject).join(''))}</ofd:Page>`;
  }
  spec.pages.forEach((page, k) => {
    const images = (page.images ?? []).map((id) => `<ofd:ImageObject ID="${nextId++}" CTM="210 0 0 297 0 0" Boundary="0 0 210 297" ResourceID="${id}"/>`).join('');
    files[`Doc_0/Pages/Page_${k}/Content.xml`] =
      `${DECL}<ofd:Page ${NS}>${(page.templates ?? []).map((t) => `<ofd:Template TemplateID="${t.id}" ZOrder="${t.zOrder ?? 'Background'}"/>`).join('')}` +
      `<ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>${content((page.objects ?? []).map(textObject).join('') + images)}</ofd:Page>`;
  });
  const annotated = spec.pages.map((p, k) => ({ p, k })).filter(({ p }) => p.annotations?.length);
  if (annotated.length > 0) {
    files['Doc_0/Annots/Annotations.xml'] =
      `${DECL}<ofd:Annotations ${NS}>${annotated.map(({ k }) => `<ofd:Page PageID="${k + 1}"><ofd:FileLoc>Page_${k}/Annotation.xml</ofd:FileLoc></ofd:Page>`).join('')}</ofd:Annotations>`;
    for (const { p, k } of annotated) {
      files[`Doc_0/Annots/Page_${k}/Annotation.xml`] =
        `${DECL}<ofd:PageAnnot ${NS}>` +
        (p.annotations ?? [])
          .map(
            (a) =>
              `<ofd:Annot ID="${nextId++}" Type="${a.type ?? 'Highlight'}" Creator="${xml(a.creator)}" LastModDate="2024-03-02">${a.remark ? `<ofd:Remark>${xml(a.remark)}</ofd:Remark>` : ''}` +
              `<ofd:Appearance Boundary="20 40 170 10">${(a.appearance ?? []).map(textObject).join('')}</ofd:Appearance></ofd:Annot>`,
          )
          .join('') +
        '</ofd:PageAnnot>';
    }
  }
  const images = Object.entries(spec.images ?? {});
  files['Doc_0/PublicRes.xml'] = `${DECL}<ofd:Res ${NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="5" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`;
  files['Doc_0/DocumentRes.xml'] =
    `${DECL}<ofd:Res ${NS} BaseLoc="Res"><ofd:MultiMedias>` +
    images.map(([id, img]) => `<ofd:MultiMedia ID="${id}" Type="Image" Format="${img.format}"><ofd:MediaFile>${xml(img.file)}</ofd:MediaFile></ofd:MultiMedia>`).join('') +
    '</ofd:MultiMedias></ofd:Res>';
  for (const [, img] of images) files[`Doc_0/Res/${img.file}`] = img.bytes;
  if (spec.attachments) {
    files['Doc_0/Attachs/Attachments.xml'] =
      `${DECL}<ofd:Attachments ${NS}>${spec.attachments.map((a, k) => `<ofd:Attachment ID="${k + 1}" Name="${xml(a.name)}" Format="${a.file.split('.').pop()}" CreationDate="2024-03-01" Size="${(a.bytes.length / 1024).toFixed(2)}" Visible="true"><ofd:FileLoc>${xml(a.file)}</ofd:FileLoc></ofd:Attachment>`).join('')}</ofd:Attachments>`;
    for (const a of spec.attachments) files[`Doc_0/Attachs/${a.file}`] = a.bytes;
  }
  if (spec.signed) {
    files['Doc_0/Signs/Signatures.xml'] = `${DECL}<ofd:Signatures ${NS}><ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>`;
    files['Doc_0/Signs/Sign_0/Signature.xml'] = `${DECL}<ofd:Signature ${NS}><ofd:SignedInfo><ofd:Provider ProviderName="某CA"/><ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod></ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>`;
    files['Doc_0/Signs/Sign_0/SignedValue.dat'] = new Uint8Array([0x30, 0x82, 0x01, 0x00, 0x02, 0x01]);
  }
  if (spec.encrypted) {
    files['Encryptions.xml'] = `${DECL}<Encryptions><EncryptInfo ID="1" Provider="某密码模块" EncryptMethod="SM4"><DecryptSeedLoc>/Encrypts/seed.xml</DecryptSeedLoc><EntriesMapLoc>/Encrypts/map.xml</EntriesMapLoc></EncryptInfo></Encryptions>`;
  }
  files['Doc_0/Document.xml'] =
    `${DECL}<ofd:Document ${NS}><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>` +
    `<ofd:PublicRes>${loc('PublicRes.xml')}</ofd:PublicRes><ofd:DocumentRes>${loc('DocumentRes.xml')}</ofd:DocumentRes>` +
    templates.map(([id]) => `<ofd:TemplatePage ID="${id}" BaseLoc="${loc(`Tpls/Tpl_${id}/Content.xml`)}"/>`).join('') +
    `</ofd:CommonData><ofd:Pages>${spec.pages.map((_p, k) => `<ofd:Page ID="${k + 1}" BaseLoc="${loc(`Pages/Page_${k}/Content.xml`)}"/>`).join('')}</ofd:Pages>` +
    `${spec.outline ? `<ofd:Outlines>${spec.outline.map((t) => `<ofd:OutlineElem Title="${xml(t)}"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="1"/></ofd:Goto></ofd:Action></ofd:Actions></ofd:OutlineElem>`).join('')}</ofd:Outlines>` : ''}` +
    `${annotated.length > 0 ? `<ofd:Annotations>${loc('Annots/Annotations.xml')}</ofd:Annotations>` : ''}${spec.attachments ? `<ofd:Attachments>${loc('Attachs/Attachments.xml')}</ofd:Attachments>` : ''}</ofd:Document>`;
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}

/**
 * A two-page notice: page 1 has a title set glyph by glyph, body lines and a note; page 2 starts with 机密★10年 split
 * into two TextCodes of one text object; DocInfo has a title, author, keywords and custom data.
 */
export function noticeOfd(options: Pick<OfdSpec, 'absolute' | 'signed'> = {}): Uint8Array {
  return buildOfd({
    ...options,
    info: { title: '关于做好补贴发放工作的通知', author: '县民政局办公室', subject: '补贴发放', keywords: ['补贴', '通知'], custom: { 密级: '内部' } },
    pages: [
      {
        objects: [
          ...glyphByGlyph(40, 40, '关于做好补贴发放工作的通知'),
          line(25, 60, '各乡镇人民政府：'),
          { boundary: [25, 68, 170, 8], size: 15.87, ctm: '0.3528 0 0 0.3528 0 0', codes: [{ x: 0, y: 15, text: '联系人：张三', deltaX: 'g 5 15.87' }, { x: 95.2, y: 15, text: '13812345678', deltaX: 'g 10 7.9' }] },
        ],
        annotations: [{ creator: '王科员', remark: '此处手机号需遮盖' }],
      },
      {
        objects: [
          { boundary: [25, 20, 60, 8], size: 5.6, codes: [{ x: 0, y: 5.6, text: '机密', deltaX: '5.6' }, { x: 11.2, y: 5.6, text: '★10年', deltaX: 'g 3 5.6' }] },
          line(25, 40, '请于三月底前报送。'),
        ],
      },
    ],
    outline: ['一、总体要求'],
  });
}

/** A 1×1 PNG: enough for the image reader to hand it to OCR. */
export const TINY_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
