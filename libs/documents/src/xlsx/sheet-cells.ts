import type { ReadContext } from '../read-context';
import { parseXml, type XmlElement } from '../xml/parse-xml';
import { columnName, parseCellRef } from './cell-ref';
import { headerFooterSections } from './header-footer';
import { StringItem, decodeEscapes } from './string-item';

/** A sheet as the reader reports it: its name and whether it is shown. */
export interface SheetTarget {
  name: string;
  part: 'sheet' | 'hidden-sheet';
}

/** How reading a sheet ended: read to the end, stopped at the character limit, or out of time. */
export type SheetOutcome = 'done' | 'stopped' | 'timed-out';

const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);
/** Cells between two looks at the clock. */
const CLOCK_EVERY = 2048;

interface Cell {
  ref: string;
  type: string;
  value: string;
  inValue: boolean;
  inline?: StringItem;
  inInline: boolean;
}

/**
 * Streams one worksheet's XML: one piece per non-empty cell (`\t` before a cell that follows another in its row), then
 * the header and footer sections. Throws XmlError when the XML breaks; the cells before the break are kept.
 */
export function readSheetCells(xml: string, sheet: SheetTarget, sharedStrings: readonly string[], ctx: ReadContext): SheetOutcome {
  const state: { outcome: SheetOutcome } = { outcome: 'done' };
  const halt = (why: SheetOutcome): never => {
    state.outcome = why;
    // parseXml has no way to stop early: a throw from a handler ends the parse, and `outcome` tells it apart.
    throw new Error(why);
  };
  let inSheetData = false;
  let row = 0;
  let column = 0;
  let emittedInRow = 0;
  let cells = 0;
  let cell: Cell | undefined;
  let headerFooter: { el: XmlElement; text: string } | undefined;

  const closeCell = (c: Cell): void => {
    const text = cellText(c, sharedStrings);
    if (/\S/.test(text)) {
      const kept = ctx.emit(text, { part: sheet.part, sheet: sheet.name, cell: c.ref }, emittedInRow > 0 ? '\t' : undefined);
      emittedInRow++;
      if (!kept) halt('stopped');
    }
    if (++cells % CLOCK_EVERY === 0 && ctx.timedOut()) {
      ctx.gap({ part: sheet.part, sheet: sheet.name, cell: c.ref }, 'timed-out', `超过单个文件的审查时限，工作表“${sheet.name}”自 ${c.ref} 之后的内容及其后的工作表未审查`);
      halt('timed-out');
    }
  };

  const closeHeaderFooter = (hf: { el: XmlElement; text: string }): void => {
    const part = hf.el.local.endsWith('Header') ? 'header' : 'footer';
    headerFooterSections(hf.text).forEach((section, k) => {
      if (!ctx.emit(section, { part, sheet: sheet.name, field: hf.el.local }, k > 0 ? '\t' : undefined)) halt('stopped');
    });
  };

  try {
    parseXml(xml, {
      open(el) {
        if (cell) {
          if (cell.inline && cell.inInline) cell.inline.open(el);
          else if (el.local === 'v') cell.inValue = true;
          else if (el.local === 'is') {
            cell.inline = new StringItem();
            cell.inInline = true;
          }
        } else if (inSheetData && el.local === 'row') {
          const r = Number(el.attrs.r);
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          column = 0;
          emittedInRow = 0;
        } else if (inSheetData && el.local === 'c') {
          // `r` is optional in ECMA-376: a cell without one follows the previous cell of its row.
          const at = el.attrs.r ? parseCellRef(el.attrs.r) : undefined;
          column = at ? at.column : column + 1;
          cell = { ref: at ? el.attrs.r.replace(/\$/g, '').toUpperCase() : `${columnName(column)}${row}`, type: el.attrs.t ?? 'n', value: '', inValue: false, inInline: false };
        } else if (el.local === 'sheetData') inSheetData = true;
        else if (HEADER_FOOTER.has(el.local)) headerFooter = { el, text: '' };
      },
      text(t) {
        if (cell) {
          if (cell.inline && cell.inInline) cell.inline.onText(t);
          else if (cell.inValue) cell.value += t;
        } else if (headerFooter) headerFooter.text += t;
      },
      close(el) {
        if (cell) {
          if (el.local === 'c') {
            const done = cell;
            cell = undefined;
            closeCell(done);
          } else if (cell.inline && cell.inInline) {
            if (el.local === 'is') cell.inInline = false;
            else cell.inline.close(el);
          } else if (el.local === 'v') cell.inValue = false;
        } else if (el.local === 'sheetData') inSheetData = false;
        else if (headerFooter && el.local === headerFooter.el.local) {
          const done = headerFooter;
          headerFooter = undefined;
          closeHeaderFooter(done);
        }
      },
    });
  } catch (error) {
    if (state.outcome !== 'done') return state.outcome;
    throw error;
  }
  return state.outcome;
}

function cellText(cell: Cell, sharedStrings: readonly string[]): string {
  switch (cell.type) {
    case 's':
      // An empty `<v>` would be index 0 to Number().
      return /^\s*\d+\s*$/.test(cell.value) ? (sharedStrings[Number(cell.value)] ?? '') : '';
    case 'inlineStr':
      return cell.inline ? cell.inline.text : decodeEscapes(cell.value);
    case 'b':
      return cell.value.trim() === '1' ? 'TRUE' : cell.value.trim() === '0' ? 'FALSE' : '';
    case 'e':
      return '';
    case 'str':
      return decodeEscapes(cell.value);
    default:
      // Numbers and ISO dates exactly as written: 13812345678 stays 13812345678, 5.11302199001011E+17 stays as is.
      return cell.value;
  }
}
