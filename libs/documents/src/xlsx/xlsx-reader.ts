import { readDocProps } from '../ooxml/doc-props';
import { readDrawingText } from '../ooxml/drawing-text';
import { readEmbeddedParts } from '../ooxml/embedded';
import { findMember, type Relationship } from '../ooxml/relationships';
import { parsePart, partRelationships, partText, targetOf, targetsOfType } from '../ooxml/package-parts';
import type { ReadContext, Reader, Where } from '../read-context';
import { XmlError } from '../xml/parse-xml';
import { ZipArchive } from '../zip/zip-archive';
import { readLegacyComments, readPersons, readThreadedComments, type CellComment } from './cell-comments';
import { readPivotCache } from './pivot-cache';
import { readSharedStrings } from './shared-strings';
import { readSheetCells, type SheetTarget } from './sheet-cells';
import { readSheetDrawing } from './sheet-drawing';
import { parseWorkbook, type Workbook } from './workbook';

/** A sheet to read: what the reader reports plus the part that holds it. */
interface SheetPart extends SheetTarget {
  path: string;
}

/** What the workbook part says, or as much of it as survived. */
interface WorkbookParts {
  book: Workbook;
  rels: Map<string, Relationship>;
}

/** What the reading of one sheet shares with the others. */
interface Book {
  zip: ZipArchive;
  ctx: ReadContext;
  sharedStrings: string[];
  persons: Map<string, string>;
  /** Comment parts read through a sheet; the rest are read at the end. */
  commentParts: Set<string>;
}

/**
 * Excel workbooks (.xlsx, .xlsm, .xltx, and the same from WPS and LibreOffice): document properties, sheet and
 * defined names, every sheet in workbook order (hidden and very hidden ones as `hidden-sheet`) with its cells, header
 * and footer, comments and drawn text, the pivot caches, then the embedded files and images.
 */
export const readXlsx: Reader = async (bytes, ctx) => {
  const zip = new ZipArchive(bytes, ctx.budget);
  readDocProps(zip, ctx);
  const workbook = openWorkbook(zip, ctx);
  const book: Book = { zip, ctx, sharedStrings: loadSharedStrings(zip, ctx, workbook.rels), persons: loadPersons(zip, ctx, workbook.rels), commentParts: new Set() };
  if (!emitNames(ctx, workbook.book)) return;
  const sheets = sheetParts(zip, ctx, workbook);
  if (sheets.length > ctx.limits.maxParts) {
    ctx.gap({ part: 'sheet' }, 'over-limit', `工作簿有 ${sheets.length} 个工作表，超过 ${ctx.limits.maxParts} 个的上限，仅审查了前 ${ctx.limits.maxParts} 个`);
  }
  for (const sheet of sheets.slice(0, ctx.limits.maxParts)) {
    if (!readSheet(book, sheet)) return;
  }
  readLooseComments(book);
  if (ctx.run.charsExhausted || !readPivotCaches(book, workbook)) return;
  await readEmbeddedParts(zip, ctx, ['xl/embeddings/', 'xl/media/']);
};

function openWorkbook(zip: ZipArchive, ctx: ReadContext): WorkbookParts {
  const book: Workbook = { sheets: [], definedNames: [], pivotCacheRelIds: [] };
  const main = targetsOfType(zip, partRelationships(zip, '', ctx, { part: 'sheet', field: '_rels/.rels' }), 'officeDocument')[0];
  const path = main ?? findMember(zip, 'xl/workbook.xml');
  if (!path) {
    ctx.gap({ part: 'sheet', field: 'xl/workbook.xml' }, 'damaged', '工作簿缺少 xl/workbook.xml，工作表名称、顺序和隐藏状态无法确定，已按文件逐个审查工作表');
    return { book, rels: new Map() };
  }
  const where: Where = { part: 'sheet', field: path };
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return { book, rels: partRelationships(zip, path, ctx, where) };
  try {
    return { book: parseWorkbook(xml), rels: partRelationships(zip, path, ctx, where) };
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `工作簿 XML 损坏（${error.message}），工作表名称和隐藏状态无法确定，已按文件逐个审查工作表`);
    return { book, rels: partRelationships(zip, path, ctx, where) };
  }
}

function loadSharedStrings(zip: ZipArchive, ctx: ReadContext, rels: Map<string, Relationship>): string[] {
  const strings: string[] = [];
  const path = targetsOfType(zip, rels, 'sharedStrings')[0] ?? findMember(zip, 'xl/sharedStrings.xml');
  if (!path) return strings;
  const where: Where = { part: 'sheet', field: path };
  const xml = partText(zip, path, ctx, where);
  if (xml === undefined) return strings;
  try {
    readSharedStrings(xml, strings);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    ctx.gap(where, 'damaged', `共享字符串表 XML 损坏（${error.message}），引用第 ${strings.length + 1} 条起的单元格文字未审查`);
  }
  return strings;
}

function loadPersons(zip: ZipArchive, ctx: ReadContext, rels: Map<string, Relationship>): Map<string, string> {
  let persons = new Map<string, string>();
  const path = targetsOfType(zip, rels, 'person')[0] ?? findMember(zip, 'xl/persons/person.xml');
  if (path) parsePart(zip, path, ctx, { part: 'cell-comment', field: path }, '批注人员列表', (xml) => (persons = readPersons(xml)));
  return persons;
}

/** Sheet names and defined names as metadata; false once the character limit is reached. */
function emitNames(ctx: ReadContext, book: Workbook): boolean {
  for (const sheet of book.sheets) {
    if (!ctx.emit(sheet.name, { part: 'metadata', field: 'sheetName', sheet: sheet.name })) return false;
  }
  for (const name of book.definedNames) {
    const scope = name.localSheetId === undefined ? undefined : book.sheets[name.localSheetId]?.name;
    if (!ctx.emit(name.text, { part: 'metadata', field: name.name, ...(scope === undefined ? {} : { sheet: scope }) })) return false;
  }
  return true;
}

/** The sheets in workbook order, then any sheet part the workbook does not list (left behind, never shown). */
function sheetParts(zip: ZipArchive, ctx: ReadContext, workbook: WorkbookParts): SheetPart[] {
  const listed: SheetPart[] = [];
  for (const sheet of workbook.book.sheets) {
    const part = sheet.state === 'visible' ? 'sheet' : 'hidden-sheet';
    const path = targetOf(zip, workbook.rels, sheet.relId);
    if (path) listed.push({ name: sheet.name, part, path });
    else ctx.gap({ part, sheet: sheet.name }, 'damaged', `工作表“${sheet.name}”在工作簿中登记，但找不到它的内容部件，未审查`);
  }
  const known = new Set(listed.map((s) => s.path));
  // With no readable workbook nothing says which sheets are hidden; with one, an unlisted sheet is never shown.
  const part = workbook.book.sheets.length > 0 ? 'hidden-sheet' : 'sheet';
  const loose = zip
    .names()
    .filter((n) => /^xl\/(worksheets|macrosheets|dialogsheets)\/[^/]+\.xml$/i.test(n) && !known.has(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((path): SheetPart => ({ name: path, part, path }));
  return [...listed, ...loose];
}

/** One sheet: cells, header and footer, comments, drawn text; false when the reader must stop (limit or time). */
function readSheet(book: Book, sheet: SheetPart): boolean {
  const { zip, ctx } = book;
  const where: Where = { part: sheet.part, sheet: sheet.name };
  if (ctx.timedOut()) {
    ctx.gap(where, 'timed-out', `超过单个文件的审查时限，工作表“${sheet.name}”及其后的工作表未审查`);
    return false;
  }
  const xml = partText(zip, sheet.path, ctx, where);
  if (xml !== undefined) {
    try {
      if (readSheetCells(xml, sheet, book.sharedStrings, ctx) !== 'done') return false;
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      ctx.gap(where, 'damaged', `工作表“${sheet.name}”的 XML 损坏（${error.message}），损坏处之后的内容未审查`);
    }
  }
  const rels = partRelationships(zip, sheet.path, ctx, where);
  const threaded = new Set<string>();
  for (const path of targetsOfType(zip, rels, 'threadedComment')) {
    readComments(book, path, sheet.name, (xml, on) => readThreadedComments(xml, book.persons, on), (c) => {
      threaded.add(c.ref);
      return true;
    });
  }
  for (const path of targetsOfType(zip, rels, 'comments')) {
    // Excel keeps a legacy copy of each threaded comment (author `tc={id}`) for older versions: read the thread once.
    readComments(book, path, sheet.name, readLegacyComments, (c) => !(threaded.has(c.ref) && c.author?.startsWith('tc=')));
  }
  for (const path of targetsOfType(zip, rels, 'drawing')) readDrawing(book, path, sheet);
  return !ctx.run.charsExhausted;
}

type CommentParser = (xml: string, onComment: (c: CellComment) => void) => void;

function readComments(book: Book, path: string, sheet: string | undefined, parse: CommentParser, keep: (c: CellComment) => boolean = () => true): void {
  book.commentParts.add(path);
  const where: Where = { part: 'cell-comment', ...(sheet === undefined ? { field: path } : { sheet }) };
  let open = true;
  parsePart(book.zip, path, book.ctx, where, '批注', (xml) =>
    parse(xml, (c) => {
      if (!keep(c) || !open) return;
      // LibreOffice writes a blank author (`<author> </author>`) when none was set.
      const author = c.author?.trim();
      open = book.ctx.emit(c.text, { ...where, ...(c.ref ? { cell: c.ref } : {}), ...(author ? { author } : {}) });
    }),
  );
}

/** Comment parts no sheet points to: still in the file, so still read. */
function readLooseComments(book: Book): void {
  for (const path of book.zip.names().filter((n) => !book.commentParts.has(n))) {
    if (/^xl\/threadedComments\/[^/]+\.xml$/i.test(path)) readComments(book, path, undefined, (xml, on) => readThreadedComments(xml, book.persons, on));
    else if (/^xl\/comments[^/]*\.xml$/i.test(path)) readComments(book, path, undefined, readLegacyComments);
  }
}

/** Text boxes and shapes drawn on the sheet, and the text of its charts. */
function readDrawing(book: Book, path: string, sheet: SheetTarget): void {
  const { zip, ctx } = book;
  const where: Where = { part: sheet.part, sheet: sheet.name, field: path };
  let open = true;
  let charts: string[] = [];
  parsePart(zip, path, ctx, where, '图形', (xml) => {
    charts = readSheetDrawing(xml, (text) => {
      if (open) open = ctx.emit(text, where);
    });
  });
  if (charts.length === 0) return;
  const rels = partRelationships(zip, path, ctx, where);
  for (const id of charts) {
    const chart = targetOf(zip, rels, id);
    if (chart) readDrawingText(zip, ctx, chart, { ...where, field: chart });
  }
}

/** The source data pivot caches keep; false when the reader must stop. */
function readPivotCaches(book: Book, workbook: WorkbookParts): boolean {
  const { zip, ctx } = book;
  for (const id of workbook.book.pivotCacheRelIds) {
    const definition = targetOf(zip, workbook.rels, id);
    if (!definition) continue;
    const records = targetsOfType(zip, partRelationships(zip, definition, ctx, { part: 'hidden-text', field: definition }), 'pivotCacheRecords');
    for (const path of [definition, ...records]) {
      const where: Where = { part: 'hidden-text', field: path };
      if (ctx.timedOut()) {
        ctx.gap(where, 'timed-out', '超过单个文件的审查时限，数据透视表缓存及其后的内容未审查');
        return false;
      }
      let open = true;
      parsePart(zip, path, ctx, where, '数据透视表缓存', (xml) =>
        readPivotCache(xml, (text, first) => {
          if (open) open = ctx.emit(text, where, first ? undefined : '\t');
        }),
      );
      if (!open) return false;
    }
  }
  return true;
}
