import { instructionWorthReading } from '../docx/field-codes';
import type { ReadContext, Where } from '../read-context';
import type { Part } from '../types';
import { splitParagraphs } from './binary-paragraphs';
import { PieceTableError, readPieceText } from './piece-table';
import { FibError, NFIB_WORD97, readFib, type FcLcb, type Fib } from './word-fib';

export const ENCRYPTED_DETAIL = '文件已加密（设置了打开密码），无法审查';

/** The streams of a Word 97-2003 file that the text comes from. */
export interface WordStreams {
  word: Uint8Array;
  table0?: Uint8Array;
  table1?: Uint8Array;
}

/**
 * Word 97-2003 (.doc, and the .wps WPS Office writes in the same format): the text of the body, footnotes, headers
 * and footers, comments (with their authors), endnotes and text boxes, one piece per paragraph. Tracked deletions
 * and hidden text stay in the stories they belong to: telling them apart needs the character properties, not read.
 */
export function readWordBinary(streams: WordStreams, ctx: ReadContext): void {
  let fib: Fib;
  try {
    fib = readFib(streams.word);
  } catch (error) {
    if (!(error instanceof FibError)) throw error;
    ctx.gap({ part: 'unreadable' }, 'damaged', `Word 97-2003 文件头损坏，无法读取（${error.message}）`);
    return;
  }
  if (fib.encrypted) {
    ctx.gap({ part: 'unreadable' }, 'encrypted', ENCRYPTED_DETAIL);
    return;
  }
  if (fib.nFib < NFIB_WORD97 - 1) {
    ctx.gap({ part: 'unreadable' }, 'unsupported', 'Word 6.0/95 格式的文件暂不能自动审查，请人工查看原件或要求另存为 .docx');
    return;
  }
  const table = fib.tableStream === '1Table' ? streams.table1 : streams.table0;
  if (!table) {
    ctx.gap({ part: 'unreadable' }, 'damaged', `Word 97-2003 文件缺少 ${fib.tableStream} 数据流，无法读取`);
    return;
  }
  let text: string;
  try {
    text = readPieceText(streams.word, table, fib.clx);
  } catch (error) {
    if (!(error instanceof PieceTableError)) throw error;
    ctx.gap({ part: 'unreadable' }, 'damaged', `Word 97-2003 文件的文本索引损坏，无法读取（${error.message}）`);
    return;
  }
  const c = fib.ccp;
  const stories: [Part, number, string?][] = [
    ['body', c.text],
    ['footnote', c.ftn],
    ['header', c.hdd],
    ['body', c.mcr, 'macro'],
    ['comment', c.atn],
    ['endnote', c.edn],
    ['body', c.txbx, 'textbox'],
    ['header', c.hdrTxbx, 'textbox'],
  ];
  const declared = stories.reduce((sum, [, n]) => sum + n, 0);
  if (text.length < declared) {
    ctx.gap({ part: 'unreadable' }, 'damaged', `Word 97-2003 文件的文本不完整（应有 ${declared} 字，只读到 ${text.length} 字）`);
  }
  let cp = 0;
  for (const [part, length, field] of stories) {
    const story = text.slice(cp, cp + length);
    cp += length;
    if (!story) continue;
    if (part === 'header' && !field) {
      if (!emitHeaders(story, readCps(table, fib.plcfHdd), ctx)) return;
    } else if (part === 'comment') {
      if (!emitComments(story, table, fib, ctx)) return;
    } else if (!emitStory(story, { part, ...(field ? { field } : {}) }, ctx)) {
      return;
    }
  }
}

/** Emits a story's paragraphs, numbered on from `counter`; false once the character limit is reached. */
function emitStory(story: string, where: Where, ctx: ReadContext, counter = { n: 0 }): boolean {
  for (const p of splitParagraphs(story)) {
    const at = { ...where, paragraph: ++counter.n };
    if (!ctx.emit(p.text, at)) return false;
    for (const instruction of p.instructions) {
      if (instructionWorthReading(instruction) && !ctx.emit(instruction.trim(), { ...at, part: 'hidden-text', field: 'instrText' })) return false;
    }
  }
  return true;
}

/**
 * Headers and footers share one story, cut by PlcfHdd: six separator stories, then six per section (even header,
 * odd header, even footer, odd footer, first-page header, first-page footer).
 */
function emitHeaders(story: string, cps: number[] | undefined, ctx: ReadContext): boolean {
  if (!cps || cps.length < 2) return emitStory(story, { part: 'header' }, ctx);
  const counters = { header: { n: 0 }, footer: { n: 0 } };
  for (let k = 6; k + 1 < cps.length; k++) {
    const slot = (k - 6) % 6;
    const part = slot === 2 || slot === 3 || slot === 5 ? 'footer' : 'header';
    if (!emitStory(story.slice(cps[k], cps[k + 1]), { part }, ctx, counters[part])) return false;
  }
  return true;
}

/** Comments, each with its author when the annotation tables can be read; else the story as a whole. */
function emitComments(story: string, table: Uint8Array, fib: Fib, ctx: ReadContext): boolean {
  const txt = readCps(table, fib.plcfandTxt);
  const authors = commentAuthors(table, fib);
  if (!txt || txt.length < 2) return emitStory(story, { part: 'comment' }, ctx);
  const counter = { n: 0 };
  for (let k = 0; k + 1 < txt.length; k++) {
    const author = authors?.[k];
    if (!emitStory(story.slice(txt[k], txt[k + 1]), { part: 'comment', ...(author ? { author } : {}) }, ctx, counter)) return false;
  }
  return true;
}

/** The author of each comment: PlcfandRef's ATRDPre10 entries index into GrpXstAtnOwners. */
function commentAuthors(table: Uint8Array, fib: Fib): string[] | undefined {
  const owners = readXsts(table, fib.grpXstAtnOwners);
  const ref = fib.plcfandRef;
  if (!owners || ref.lcb < 4 || ref.fc + ref.lcb > table.length) return undefined;
  // A PLC of n+1 CPs and n 30-byte ATRDPre10.
  const n = (ref.lcb - 4) / 34;
  if (!Number.isInteger(n)) return undefined;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const ibst = v.getInt16(ref.fc + (n + 1) * 4 + k * 30 + 20, true);
    out.push(owners[ibst] ?? '');
  }
  return out;
}

function readCps(table: Uint8Array, plc: FcLcb): number[] | undefined {
  if (plc.lcb < 8 || plc.lcb % 4 !== 0 || plc.fc + plc.lcb > table.length) return undefined;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const cps: number[] = [];
  for (let k = 0; k < plc.lcb / 4; k++) cps.push(v.getUint32(plc.fc + k * 4, true));
  return cps.every((x, k) => k === 0 || x >= cps[k - 1]) ? cps : undefined;
}

/** A run of Xst: uint16 count, then that many UTF-16 characters. */
function readXsts(table: Uint8Array, at: FcLcb): string[] | undefined {
  if (at.lcb === 0 || at.fc + at.lcb > table.length) return undefined;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: string[] = [];
  const decoder = new TextDecoder('utf-16le');
  for (let p = at.fc; p + 2 <= at.fc + at.lcb; ) {
    const cch = v.getUint16(p, true);
    if (p + 2 + cch * 2 > at.fc + at.lcb) return undefined;
    out.push(decoder.decode(table.subarray(p + 2, p + 2 + cch * 2)));
    p += 2 + cch * 2;
  }
  return out;
}
