import { parseXml } from '../xml/parse-xml';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One `<sheet>` of `xl/workbook.xml`: worksheets, chartsheets, dialog and macro sheets alike. */
export interface SheetEntry {
  name: string;
  state: SheetState;
  /** The workbook relationship that names the sheet's part. */
  relId: string;
}

export interface DefinedName {
  name: string;
  /** What the name stands for as written: a reference (`Sheet1!$A$1:$C$9`), a constant or a formula. */
  text: string;
  /** Index into the sheets when the name is scoped to one sheet. */
  localSheetId?: number;
}

export interface Workbook {
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  /** Workbook relationships of the pivot caches (`<pivotCache r:id>`). */
  pivotCacheRelIds: string[];
}

/** The sheets in workbook order, the defined names and the pivot caches of `xl/workbook.xml`. */
export function parseWorkbook(xml: string): Workbook {
  const book: Workbook = { sheets: [], definedNames: [], pivotCacheRelIds: [] };
  let name: DefinedName | undefined;
  parseXml(xml, {
    open(el) {
      if (el.local === 'sheet' && el.attrs.id !== undefined) {
        const state = el.attrs.state === 'hidden' || el.attrs.state === 'veryHidden' ? el.attrs.state : 'visible';
        book.sheets.push({ name: el.attrs.name ?? '', state, relId: el.attrs.id });
      } else if (el.local === 'definedName') {
        const scope = el.attrs.localSheetId === undefined ? undefined : Number(el.attrs.localSheetId);
        name = { name: el.attrs.name ?? '', text: '', localSheetId: Number.isInteger(scope) ? scope : undefined };
      } else if (el.local === 'pivotCache' && el.attrs.id !== undefined) {
        book.pivotCacheRelIds.push(el.attrs.id);
      }
    },
    text(t) {
      if (name) name.text += t;
    },
    close(el) {
      if (el.local === 'definedName' && name) {
        book.definedNames.push(name);
        name = undefined;
      }
    },
  });
  return book;
}
