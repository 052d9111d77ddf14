import { readDocProps } from '../ooxml/doc-props';
import { readDrawingText } from '../ooxml/drawing-text';
import { readEmbeddedParts } from '../ooxml/embedded';
import { findMember, type Relationship } from '../ooxml/relationships';
import type { ReadContext, Reader, Where } from '../read-context';
import { XmlError } from '../xml/parse-xml';
import { ZipArchive } from '../zip/zip-archive';
import { parsePart, partRelationships, partText, targetOf, targetsOfType } from '../ooxml/package-parts';
import { slideRelIds } from './presentation';
import { readCommentAuthors, readSlideComments } from './slide-comments';
import { readSlideParagraphs, type PlaceholderFilter } from './slide-paragraphs';

/** A slide to read: its part and its 1-based number (none for a slide part the presentation does not list). */
interface SlidePart {
  path: string;
  number?: number;
}

/** What one slide's reading shares with the others. */
interface Deck {
  zip: ZipArchive;
  ctx: ReadContext;
  authors: Map<string, string>;
  /** Layouts and masters already read (their text is read once, at the first slide that uses them). */
  templates: Set<string>;
  commentParts: Set<string>;
}

const onSlide: PlaceholderFilter = (type) => type === 'sldNum';
const onNotes: PlaceholderFilter = (type) => type === 'sldNum' || type === 'sldImg';
// A layout's or master's placeholders hold prompt text ("单击此处编辑母版标题样式"); its other shapes show on slides.
const onTemplate: PlaceholderFilter = () => true;

/**
 * PowerPoint presentations (.pptx, .pptm, .ppsx, .potx, and the same from WPS and LibreOffice): document
 * properties, then each slide in presentation order (hidden ones too) with the text its layout and master add, its
 * tables, SmartArt and charts, speaker notes and comments; then embedded files and images.
 */
export const readPptx: Reader = async (bytes, ctx) => {
  const zip = new ZipArchive(bytes, ctx.budget);
  readDocProps(zip, ctx);
  const presentation = openPresentation(zip, ctx);
  const slides = slideParts(zip, ctx, presentation);
  if (slides.length > ctx.limits.maxParts) {
    ctx.gap({ part: 'slide' }, 'over-limit', `演示文稿有 ${slides.length} 张幻灯片，超过 ${ctx.limits.maxParts} 张的上限，仅审查了前 ${ctx.limits.maxParts} 张`);
  }
  const deck: Deck = { zip, ctx, authors: loadAuthors(zip, ctx, presentation.rels), templates: new Set(), commentParts: new Set() };
  for (const slide of slides.slice(0, ctx.limits.maxParts)) {
    if (!readSlide(deck, slide)) return;
  }
  for (const path of zip.names().filter((n) => /^ppt\/comments\/[^/]+\.xml$/i.test(n) && !deck.commentParts.has(n))) {
    readComments(deck, path, { part: 'comment', field: path });
  }
  if (ctx.run.charsExhausted) return;
  await readEmbeddedParts(zip, ctx, ['ppt/embeddings/', 'ppt/media/']);
};

interface Presentation {
  path?: string;
  rels: Map<string, Relationship>;
  slideIds: string[];
}

function openPresentation(zip: ZipArchive, ctx: ReadContext): Presentation {
  const root = partRelationships(zip, '', ctx, { part: 'slide', field: '_rels/.rels' });
  const main = targetsOfType(zip, root, 'officeDocument')[0];
  const path = main ?? findMember(zip, 'ppt/presentation.xml');
  if (!path) {
    ctx.gap({ part: 'slide', field: 'ppt/presentation.xml' }, 'damaged', '演示文稿缺少 ppt/presentation.xml，幻灯片顺序无法确定，已按文件逐个审查幻灯片');
    return { rels: new Map(), slideIds: [] };
  }
  const where: Where = { part: 'slide', field: path };
  const xml = partText(zip, path, ctx, where);
  let slideIds: string[] = [];
  if (xml !== undefined) {
    try {
      slideIds = slideRelIds(xml);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      ctx.gap(where, 'damaged', `演示文稿 XML 损坏（${error.message}），幻灯片顺序无法确定，已按文件逐个审查幻灯片`);
    }
  }
  return { path, rels: partRelationships(zip, path, ctx, where), slideIds };
}

/** The slides in presentation order, then slide parts the presentation does not list (never shown, still there). */
function slideParts(zip: ZipArchive, ctx: ReadContext, presentation: Presentation): SlidePart[] {
  const listed: SlidePart[] = [];
  presentation.slideIds.forEach((id, k) => {
    const path = targetOf(zip, presentation.rels, id);
    if (path) listed.push({ path, number: k + 1 });
    else ctx.gap({ part: 'slide', slide: k + 1 }, 'damaged', `第 ${k + 1} 张幻灯片在演示文稿中登记，但找不到它的内容部件，未审查`);
  });
  const known = new Set(listed.map((s) => s.path));
  const loose = zip
    .names()
    .filter((n) => /^ppt\/slides\/[^/]+\.xml$/i.test(n) && !known.has(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // With no readable slide list, the files' own numbering is the best order there is.
  if (listed.length === 0) return loose.map((path, k) => ({ path, number: k + 1 }));
  return [...listed, ...loose.map((path) => ({ path }))];
}

function loadAuthors(zip: ZipArchive, ctx: ReadContext, rels: Map<string, Relationship>): Map<string, string> {
  const authors = new Map<string, string>();
  const paths = new Set([...targetsOfType(zip, rels, 'commentAuthors'), ...targetsOfType(zip, rels, 'authors')]);
  for (const fallback of ['ppt/commentAuthors.xml', 'ppt/authors.xml']) {
    const found = findMember(zip, fallback);
    if (found) paths.add(found);
  }
  for (const path of paths) parsePart(zip, path, ctx, { part: 'comment', field: path }, '批注作者列表', (xml) => readCommentAuthors(xml, authors));
  return authors;
}

/** One slide with what belongs to it; false when the reader must stop (character limit or time). */
function readSlide(deck: Deck, slide: SlidePart): boolean {
  const { zip, ctx } = deck;
  const at: Where = slide.number === undefined ? { part: 'slide', field: slide.path } : { part: 'slide', slide: slide.number };
  if (ctx.timedOut()) {
    ctx.gap(at, 'timed-out', `超过单个文件的审查时限，${slide.number === undefined ? slide.path : `第 ${slide.number} 张幻灯片`}及其后的内容未审查`);
    return false;
  }
  const rels = partRelationships(zip, slide.path, ctx, at);
  for (const layout of targetsOfType(zip, rels, 'slideLayout')) {
    const master = targetsOfType(zip, partRelationships(zip, layout, ctx, { ...at, field: layout }), 'slideMaster');
    for (const template of [...master, layout]) {
      if (deck.templates.has(template)) continue;
      deck.templates.add(template);
      const where: Where = { ...at, field: template };
      parsePart(zip, template, ctx, where, '幻灯片版式或母版', (xml) => readSlideParagraphs(xml, onTemplate, emitter(ctx, where)));
    }
  }
  const emit = emitter(ctx, at);
  parsePart(zip, slide.path, ctx, at, '幻灯片', (xml) => {
    const refs = readSlideParagraphs(xml, onSlide, emit);
    for (const id of [...refs.diagrams, ...refs.charts]) {
      const part = targetOf(zip, rels, id);
      if (part) readDrawingText(zip, ctx, part, at);
    }
  });
  const notes: Where = { ...at, part: 'notes' };
  for (const path of targetsOfType(zip, rels, 'notesSlide')) parsePart(zip, path, ctx, notes, '备注页', (xml) => readSlideParagraphs(xml, onNotes, emitter(ctx, notes)));
  for (const path of targetsOfType(zip, rels, 'comments')) readComments(deck, path, { ...at, part: 'comment' });
  return !ctx.run.charsExhausted;
}

function readComments(deck: Deck, path: string, where: Where): void {
  deck.commentParts.add(path);
  let open = true;
  parsePart(deck.zip, path, deck.ctx, where, '批注', (xml) =>
    readSlideComments(xml, (c) => {
      const author = c.authorId === undefined ? undefined : deck.authors.get(c.authorId)?.trim();
      if (open) open = deck.ctx.emit(c.text, author ? { ...where, author } : where);
    }),
  );
}

/** Emits at `where` until the character limit is reached, then ignores the rest. */
function emitter(ctx: ReadContext, where: Where): (text: string, separator?: string) => void {
  let open = true;
  return (text, separator) => {
    if (open) open = ctx.emit(text, where, separator);
  };
}
