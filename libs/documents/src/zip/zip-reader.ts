import type { Reader } from '../read-context';
import { extractInto } from '../extract-document';
import { ZipArchive, ZipDamagedError, ZipEncryptedError, ZipLimitError, ZipUnsupportedError } from './zip-archive';

/** A plain zip archive: every member is opened as a file of its own (an embedded file), to the depth limit. */
export const readZip: Reader = async (bytes, ctx) => {
  const zip = new ZipArchive(bytes, ctx.budget);
  const files = zip.entries.filter((e) => !e.name.endsWith('/'));
  if (files.length > ctx.limits.maxParts) {
    ctx.gap({ part: 'unreadable' }, 'over-limit', `压缩包内有 ${files.length} 个文件，超过 ${ctx.limits.maxParts} 个的上限，仅审查了前 ${ctx.limits.maxParts} 个`);
  }
  for (const e of files.slice(0, ctx.limits.maxParts)) {
    const inner = ctx.child(e.name, { part: 'embedded', field: e.name });
    if (ctx.timedOut()) {
      inner.gap({ part: 'unreadable' }, 'timed-out', '超过单个文件的审查时限，其余内容未审查');
      return;
    }
    let member: Uint8Array;
    try {
      member = zip.read(e.name);
    } catch (error) {
      inner.gap({ part: 'unreadable' }, ...zipGap(error));
      continue;
    }
    await extractInto(member, inner);
  }
};

/** The coverage gap for an error a zip member threw. */
export function zipGap(error: unknown): ['encrypted' | 'damaged' | 'unsupported' | 'over-limit', string] {
  if (error instanceof ZipEncryptedError) return ['encrypted', `加密的压缩内容，无法审查（${error.message}）`];
  if (error instanceof ZipLimitError) return ['over-limit', `解压超过上限（疑似压缩炸弹）：${error.message}`];
  if (error instanceof ZipUnsupportedError) return ['unsupported', `不支持的压缩方式：${error.message}`];
  if (error instanceof ZipDamagedError) return ['damaged', `文件已损坏：${error.message}`];
  throw error;
}
