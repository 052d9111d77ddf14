import * as CFB from 'cfb';
import type { ReadContext, Reader } from '../read-context';
import { documentSummaryProperties, summaryProperties } from './property-sets';
import { ENCRYPTED_DETAIL, readWordBinary } from './word-binary';

/**
 * OLE (compound file) formats: a password-protected Office 2007+ file, Word 97-2003 (.doc, WPS Office's .wps),
 * Excel 97-2003 and PowerPoint 97-2003. Only Word text is read; the rest is reported for a human to open.
 */
export const readLegacy: Reader = async (bytes, ctx) => {
  const cfb = CFB.read(bytes, { type: 'buffer' });
  const stream = (name: string): Uint8Array | undefined => {
    const entry = cfb.FileIndex.find((e) => e.type === 2 && e.name === name);
    if (!entry) return undefined;
    return entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content ?? []);
  };
  const has = (name: string): boolean => cfb.FileIndex.some((e) => e.name === name);
  if (has('EncryptionInfo') && has('EncryptedPackage')) {
    ctx.gap({ part: 'unreadable' }, 'encrypted', ENCRYPTED_DETAIL);
    return;
  }
  const word = stream('WordDocument');
  if (word) readWordBinary({ word, table0: stream('0Table'), table1: stream('1Table') }, ctx);
  const summary = stream('\u0005SummaryInformation');
  const docSummary = stream('\u0005DocumentSummaryInformation');
  const properties = [...(summary ? summaryProperties(summary) : []), ...(docSummary ? documentSummaryProperties(docSummary) : [])];
  for (const { field, text } of properties) if (!ctx.emit(text, { part: 'metadata', field })) break;
  if (word) {
    reportUnreadObjects(cfb, ctx);
    return;
  }
  if (has('Workbook') || has('Book')) {
    ctx.gap({ part: 'unreadable' }, 'unsupported', '旧版 Excel（.xls）文件暂不能自动审查，请人工查看原件或要求提交 .xlsx');
    return;
  }
  if (has('PowerPoint Document')) {
    ctx.gap({ part: 'unreadable' }, 'unsupported', '旧版 PowerPoint（.ppt）文件暂不能自动审查，请人工查看原件或要求提交 .pptx');
    return;
  }
  ctx.gap({ part: 'unreadable' }, 'unsupported', '不支持审查的 OLE 复合文档，请人工查看原件');
};

/** Pictures (the Data stream) and embedded objects (ObjectPool) of a .doc are not extracted: say so. */
function reportUnreadObjects(cfb: CFB.CFB$Container, ctx: ReadContext): void {
  const objects = cfb.FullPaths.filter((p) => /\/ObjectPool\/[^/]+\/$/.test(p)).length;
  if (objects > 0) {
    ctx.gap({ part: 'embedded' }, 'unsupported', `旧版 Word 文件内嵌了 ${objects} 个对象（表格、文档等），暂不能自动审查，请人工查看原件`);
  }
  const data = cfb.FileIndex.find((e) => e.type === 2 && e.name === 'Data');
  if (data && (data.content?.length ?? 0) > 0) {
    ctx.gap({ part: 'embedded' }, 'unsupported', '旧版 Word 文件中的图片暂不能提取审查，请人工查看原件中的图片');
  }
}
