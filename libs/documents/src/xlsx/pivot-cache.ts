import { parseXml } from '../xml/parse-xml';

/** Value elements of a pivot cache: string, number, date (`<s v="…"/>`). Errors, booleans and blanks say nothing. */
const VALUES = new Set(['s', 'n', 'd']);

/**
 * The values a pivot cache keeps of its source data (`xl/pivotCache/pivotCacheDefinition1.xml` field names and items,
 * `pivotCacheRecords1.xml` rows): a copy that stays in the file even when the source sheet is deleted. `onValue` gets
 * each value with whether it starts a new field or record.
 */
export function readPivotCache(xml: string, onValue: (text: string, first: boolean) => void): void {
  let first = true;
  parseXml(xml, {
    open(el) {
      if (el.local === 'cacheField' || el.local === 'r') {
        first = true;
        if (el.local === 'cacheField' && el.attrs.name) {
          onValue(el.attrs.name, true);
          first = false;
        }
      } else if (VALUES.has(el.local) && el.attrs.v !== undefined) {
        onValue(el.attrs.v, first);
        first = false;
      }
    },
  });
}
