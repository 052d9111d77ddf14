import type { Reader } from './read-context';

/** A reader for a format Clearance cannot read: the whole file is a gap `unsupported`, never clean. */
export function unsupportedReader(what: string): Reader {
  return async (_bytes, ctx) => {
    ctx.gap({ part: 'unreadable' }, 'unsupported', `不支持审查的文件格式（${what}），需人工查看原件`);
  };
}
