/**
 * Field types whose instruction is only page numbers, dates, references to bookmarks, table-of-contents plumbing or an
 * object's class name: never text a reviewer needs, and a table of contents has hundreds of them.
 */
const STRUCTURAL = new Set([
  'PAGE', 'NUMPAGES', 'SECTIONPAGES', 'SECTION', 'PAGEREF', 'NOTEREF', 'REF', 'SEQ', 'STYLEREF', 'TOC', 'DATE', 'TIME',
  'CREATEDATE', 'SAVEDATE', 'PRINTDATE', 'EDITTIME', 'NUMWORDS', 'NUMCHARS', 'FORMTEXT', 'FORMCHECKBOX', 'FORMDROPDOWN',
  'LISTNUM', 'AUTONUM', 'AUTONUMLGL', 'AUTONUMOUT', 'MERGEFORMAT', 'EMBED', 'SHAPE', 'ADVANCE',
]);

/** Whether a field instruction (`w:instrText`, `w:fldSimple/@w:instr`) may carry text of its own. */
export function instructionWorthReading(instruction: string): boolean {
  const words = instruction.trim().split(/\s+/);
  const type = words[0]?.toUpperCase() ?? '';
  if (!type || STRUCTURAL.has(type)) return false;
  // HYPERLINK \l "_Toc123": a jump inside the document.
  if (type === 'HYPERLINK' && words[1]?.toLowerCase() === '\\l') return false;
  return true;
}
