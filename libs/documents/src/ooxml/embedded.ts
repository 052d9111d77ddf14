import { extractInto } from '../extract-document';
import type { ReadContext } from '../read-context';
import { sniff } from '../sniff';
import type { ZipArchive } from '../zip/zip-archive';
import { zipGap } from '../zip/zip-reader';
import { unwrapOlePackage } from './ole-package';

/**
 * Opens every member under `folders` (e.g. `word/embeddings/`, `word/media/`) as a file of its own, so an embedded
 * workbook, archive or image (OCR) is read recursively; an OLE wrapper (`oleObject1.bin`) is unwrapped first.
 */
export async function readEmbeddedParts(zip: ZipArchive, ctx: ReadContext, folders: string[]): Promise<void> {
  const members = zip.entries.filter((e) => !e.name.endsWith('/') && folders.some((f) => e.name.startsWith(f)));
  const max = ctx.limits.maxParts;
  if (members.length > max) {
    ctx.gap({ part: 'embedded' }, 'over-limit', `嵌入的对象和图片共 ${members.length} 个，超过 ${max} 个的上限，仅审查了前 ${max} 个`);
  }
  for (const { name } of members.slice(0, max)) {
    if (ctx.timedOut()) {
      ctx.gap({ part: 'embedded', field: name }, 'timed-out', '超过单个文件的审查时限，其余嵌入对象未审查');
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = zip.read(name);
    } catch (error) {
      ctx.gap({ part: 'embedded', field: name }, ...zipGap(error));
      continue;
    }
    if (sniff(bytes) !== 'ole') {
      await extractInto(bytes, ctx.child(name, { part: 'embedded', field: name }));
      continue;
    }
    const inner = unwrapOlePackage(bytes);
    if (!inner) {
      ctx.gap({ part: 'embedded', field: name }, 'unsupported', `嵌入的 OLE 对象（${name}）无法解包，未审查，请人工打开原件查看该对象`);
      continue;
    }
    await extractInto(inner.bytes, ctx.child(inner.name ?? name, { part: 'embedded', field: name }));
  }
}
