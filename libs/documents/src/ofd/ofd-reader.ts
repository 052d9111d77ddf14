import { extractInto } from '../extract-document';
import { findMember } from '../ooxml/relationships';
import type { ReadContext, Reader, Where } from '../read-context';
import { XmlError } from '../xml/parse-xml';
import { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';
import { readAnnotationIndex, readPageAnnotations } from './annotations';
import { readAttachments } from './attachments';
import { parseOfdDocument, type OfdDocument } from './ofd-document';
import { parseOfdEntry } from './ofd-entry';
import { decodeXml } from './decode-xml';
import { folderOf, locate } from './ofd-paths';
import type { ContentParts } from './page-content';
import { emptyPage, readPageFile, type PageFile } from './page-file';
import { emptyResources, readResources, type ResourceSet } from './resources';
import { textLines } from './text-lines';

/** The state of one package's reading, shared by its documents. */
interface Run {
  zip: ZipArchive;
  ctx: ReadContext;
  /** Pages numbered so far, across the package's documents. */
  pages: number;
}

/** One document of the package while it is read. */
interface Doc {
  run: Run;
  folder: string;
  doc: OfdDocument;
  res: ResourceSet;
  templates: Map<string, PageFile | undefined>;
  usedTemplates: Set<string>;
  usedMedia: Set<string>;
}

/**
 * OFD (GB/T 33190-2016, from 数科, 福昕, 书生 and other exporters): DocInfo as metadata, then each page's text line by
 * line with the templates it uses, its annotations, and its images (opened as embedded files, so a scanned page is
 * OCRed); then images no page uses and attachments. Signatures are not read; encryption (GM/T 0099) is a gap.
 */
export const readOfd: Reader = async (bytes, ctx) => {
  const zip = new ZipArchive(bytes, ctx.budget);
  const entryPath = findMember(zip, 'OFD.xml');
  if (!entryPath) throw new Error('缺少 OFD.xml');
  const entry = parseOfdEntry(decodeXml(zip.read(entryPath)));
  if (entry.encrypted || zip.names().some((n) => /^encryptions\.xml$/i.test(n))) {
    ctx.gap({ part: 'unreadable' }, 'encrypted', 'OFD 文件含加密内容（GM/T 0099），加密的部分无法审查，需人工查看原件');
  }
  if (!entry.bodies.some((b) => b.root)) ctx.gap({ part: 'body' }, 'damaged', 'OFD.xml 中没有文档根（DocRoot），正文未审查');
  const run: Run = { zip, ctx, pages: 0 };
  for (const body of entry.bodies) {
    for (const info of body.info) if (!ctx.emit(info.text, { part: 'metadata', field: info.field })) return;
    if (body.root && !(await readDocument(run, body.root))) return;
  }
};

/** One document; false when the reader must stop (character limit or time). */
async function readDocument(run: Run, root: string): Promise<boolean> {
  const { zip, ctx } = run;
  const path = locate(zip, root, []);
  if (!path) {
    ctx.gap({ part: 'body', field: root }, 'damaged', `OFD 文档文件 ${root} 缺失，正文未审查`);
    return true;
  }
  const xml = partText(zip, path, ctx, { part: 'body', field: path });
  if (xml === undefined) return true;
  let doc: OfdDocument;
  try {
    doc = parseOfdDocument(xml);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap({ part: 'body', field: path }, 'damaged', `OFD 文档文件 ${path} 的 XML 损坏（${error.message}），正文未审查`);
    return true;
  }
  const folder = folderOf(path);
  const d: Doc = { run, folder, doc, res: emptyResources(), templates: new Map(), usedTemplates: new Set(), usedMedia: new Set() };
  for (const loc of doc.resources) loadResources(d, loc, [folder]);
  for (const title of doc.outline) if (!ctx.emit(title, { part: 'metadata', field: 'outline' })) return false;
  const annotations = annotationIndex(d);

  const left = ctx.limits.maxPages - run.pages;
  if (doc.pages.length > left) {
    ctx.gap({ part: 'body', page: run.pages + Math.max(left, 0) + 1 }, 'over-limit', `文档共 ${run.pages + doc.pages.length} 页，超过 ${ctx.limits.maxPages} 页的上限，其后的页面未审查`);
  }
  for (const page of doc.pages.slice(0, Math.max(left, 0))) {
    const number = ++run.pages;
    if (ctx.timedOut()) {
      ctx.gap({ part: 'body', page: number }, 'timed-out', `超过单个文件的审查时限，第 ${number} 页及其后的内容未审查`);
      return false;
    }
    if (!(await readPage(d, page.loc, page.id, number, annotations))) return false;
  }
  for (const [id, template] of doc.templates) {
    if (d.usedTemplates.has(id)) continue;
    const file = templateFile(d, id);
    if (file && !emitContent(d, file.content, { part: 'body', field: template.loc })) return false;
  }
  for (const [id, media] of d.res.media) {
    if (isImage(media.type, media.format, media.locs[0])) await extractMedia(d, id, undefined);
  }
  await extractAttachments(d);
  return !ctx.run.charsExhausted;
}

async function readPage(d: Doc, loc: string, id: string, number: number, annotations: Map<string, string[]>): Promise<boolean> {
  const { zip, ctx } = d.run;
  const where: Where = { part: 'body', page: number };
  const path = locate(zip, loc, [d.folder]);
  if (!path) {
    ctx.gap(where, 'damaged', `第 ${number} 页的内容文件 ${loc} 缺失，未审查`);
    return true;
  }
  const page = parsePageFile(d, path, where, `第 ${number} 页`);
  for (const res of page.resources) loadResources(d, res, [folderOf(path), d.folder]);
  const templates = page.templates.flatMap((t) => {
    const file = templateFile(d, t.id);
    d.usedTemplates.add(t.id);
    const zOrder = t.zOrder ?? d.doc.templates.get(t.id)?.zOrder ?? 'Background';
    return file ? [{ file, foreground: zOrder === 'Foreground' }] : [];
  });
  const layers = [...templates.filter((t) => !t.foreground).map((t) => t.file.content), page.content, ...templates.filter((t) => t.foreground).map((t) => t.file.content)];
  for (const content of layers) {
    if (!emitContent(d, content, where)) return false;
  }
  const glyphOnly = layers.reduce((n, c) => n + c.glyphOnly, 0);
  if (glyphOnly > 0) {
    ctx.gap(where, 'unsupported', `第 ${number} 页有 ${glyphOnly} 个文字对象只保存了字形编号、没有文字编码，这些文字无法提取审查，请人工查看该页`);
  }
  const images = layers.flatMap((c) => [...c.images, ...c.composites.flatMap((id) => d.res.composites.get(id)?.images ?? [])]);
  for (const annotPath of annotations.get(id) ?? []) {
    if (!readAnnotations(d, annotPath, number, images)) return false;
  }
  for (const image of images) await extractMedia(d, image, number);
  return !ctx.run.charsExhausted;
}

/** Text lines of content and of the composite objects it places; false once the character limit is reached. */
function emitContent(d: Doc, content: ContentParts, where: Where): boolean {
  const { ctx } = d.run;
  const streams = [content.codes, ...content.composites.map((id) => d.res.composites.get(id)?.codes ?? [])];
  for (const codes of streams) {
    for (const line of textLines(codes)) if (!ctx.emit(line, where)) return false;
  }
  return true;
}

function parsePageFile(d: Doc, path: string, where: Where, what: string): PageFile {
  const page = emptyPage();
  const xml = partText(d.run.zip, path, d.run.ctx, where);
  if (xml === undefined) return page;
  try {
    readPageFile(xml, page);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    d.run.ctx.gap(where, 'damaged', `${what}的内容文件 ${path} XML 损坏（${error.message}），损坏处之后的内容未审查`);
  }
  return page;
}

/** A template page's content, read once. */
function templateFile(d: Doc, id: string): PageFile | undefined {
  if (d.templates.has(id)) return d.templates.get(id);
  const entry = d.doc.templates.get(id);
  const path = entry ? locate(d.run.zip, entry.loc, [d.folder]) : undefined;
  let file: PageFile | undefined;
  if (path) file = parsePageFile(d, path, { part: 'body', field: path }, '模板页');
  else if (entry) d.run.ctx.gap({ part: 'body', field: entry.loc }, 'damaged', `模板页 ${entry.loc} 缺失，其中的内容未审查`);
  d.templates.set(id, file);
  return file;
}

function loadResources(d: Doc, loc: string, folders: string[]): void {
  const { zip, ctx } = d.run;
  const path = locate(zip, loc, folders);
  if (!path) return;
  const where: Where = { part: 'embedded', field: path };
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return;
  try {
    readResources(xml, folderOf(path), d.res);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `资源文件 ${path} 的 XML 损坏（${error.message}），其中登记的图像可能未审查`);
  }
}

function annotationIndex(d: Doc): Map<string, string[]> {
  const { zip, ctx } = d.run;
  const loc = d.doc.annotations;
  const path = loc ? locate(zip, loc, [d.folder]) : undefined;
  if (!path) return new Map();
  const where: Where = { part: 'comment', field: path };
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return new Map();
  try {
    const index = readAnnotationIndex(xml);
    const folder = folderOf(path);
    return new Map([...index].map(([page, files]) => [page, files.flatMap((f) => locate(zip, f, [folder, d.folder]) ?? [])]));
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `注释索引 ${path} 的 XML 损坏（${error.message}），注释未审查`);
    return new Map();
  }
}

/** A page's annotations as comments (remark and appearance text); their images join `images`. */
function readAnnotations(d: Doc, path: string, page: number, images: string[]): boolean {
  const { zip, ctx } = d.run;
  const where: Where = { part: 'comment', page };
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return true;
  let open = true;
  try {
    readPageAnnotations(xml, (a) => {
      const at: Where = a.creator ? { ...where, author: a.creator } : where;
      if (open) open = ctx.emit(a.remark, at);
      for (const line of textLines(a.appearance.codes)) if (open) open = ctx.emit(line, at);
      images.push(...a.appearance.images);
    });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `第 ${page} 页的注释文件 ${path} XML 损坏（${error.message}），其余注释未审查`);
  }
  return open;
}

const isImage = (type: string, format: string, loc = ''): boolean =>
  /^image$/i.test(type) || (!type && (/^(png|jpe?g|bmp|tiff?|gif|gbig2|jbig2?)$/i.test(format) || /\.(png|jpe?g|bmp|tiff?|gif|jb2|jbig2?)$/i.test(loc)));

/** Opens an image resource as an embedded file (OCR for a scanned page), once per resource. */
async function extractMedia(d: Doc, id: string, page: number | undefined): Promise<void> {
  if (d.usedMedia.has(id)) return;
  d.usedMedia.add(id);
  const { zip, ctx } = d.run;
  const media = d.res.media.get(id);
  const at: Where = page === undefined ? { part: 'embedded' } : { part: 'embedded', page };
  if (!media) {
    ctx.gap({ ...at, field: id }, 'damaged', `页面引用的图像资源（ID ${id}）在资源文件中找不到，未审查`);
    return;
  }
  if (!isImage(media.type, media.format, media.locs[0])) return;
  const path = media.locs.map((l) => findMember(zip, l)).find((p) => p !== undefined);
  if (!path) {
    ctx.gap({ ...at, field: media.locs[0] }, 'damaged', `图像文件 ${media.locs[0]} 缺失，未审查`);
    return;
  }
  const where: Where = { ...at, field: path };
  if (/^(gbig2|jbig2?)$/i.test(media.format) || /\.jb(ig)?2$/i.test(path)) {
    ctx.gap(where, 'unsupported', `图像 ${path} 为 JBIG2 格式（扫描件常用），无法识别其中的文字，请人工查看${page === undefined ? '' : `第 ${page} 页`}`);
    return;
  }
  if (ctx.timedOut()) {
    ctx.gap(where, 'timed-out', `超过单个文件的审查时限，图像 ${path} 未审查`);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = zip.read(path);
  } catch (error) {
    ctx.gap(where, ...zipGap(error));
    return;
  }
  await extractInto(bytes, ctx.child(path, where));
}

async function extractAttachments(d: Doc): Promise<void> {
  const { zip, ctx } = d.run;
  const loc = d.doc.attachments;
  const path = loc ? locate(zip, loc, [d.folder]) : undefined;
  if (!path) return;
  const list = partText(zip, path, ctx, { part: 'embedded', field: path });
  if (list === undefined) return;
  let entries: ReturnType<typeof readAttachments>;
  try {
    entries = readAttachments(list);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap({ part: 'embedded', field: path }, 'damaged', `附件列表 ${path} 的 XML 损坏（${error.message}），附件未审查`);
    return;
  }
  for (const a of entries) {
    const file = locate(zip, a.loc, [folderOf(path), d.folder]);
    const where: Where = { part: 'embedded', field: a.name || a.loc };
    if (!file) {
      ctx.gap(where, 'damaged', `附件“${a.name || a.loc}”的文件缺失，未审查`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = zip.read(file);
    } catch (error) {
      ctx.gap(where, ...zipGap(error));
      continue;
    }
    await extractInto(bytes, ctx.child(a.name || file, where));
  }
}

/** A member's text, or undefined after recording why it could not be read (damaged, encrypted, a bomb…). */
function partText(zip: ZipArchive, path: string, ctx: ReadContext, where: Where): string | undefined {
  try {
    return decodeXml(zip.read(path));
  } catch (error) {
    ctx.gap(where, ...zipGap(error));
    return undefined;
  }
}
