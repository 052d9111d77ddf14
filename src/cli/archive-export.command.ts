import { DomainError, monthPeriod } from '@clearance/workflow';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Unit } from '../auth/entities/unit.entity';
import { archiveLines } from '../reports/archive-export';
import { CliCommand } from './cli-command';
import { parseArgs, single, UsageError } from './cli-args';

export const archiveExport: CliCommand = {
  name: 'archive:export',
  usage: 'archive:export <unit> --month YYYY-MM [--out <file.jsonl>]',
  summary: "the month's published items, recalls and dispositions (rejections, overrides, returns) with their review records, as JSON lines ending in a manifest (档案移交)",
  async run(argv, { orm, out, err }) {
    const args = parseArgs(argv, ['month', 'out']);
    const [code, ...extra] = args.positional;
    if (!code || extra.length) throw new UsageError('one unit code is required');
    let period;
    try {
      period = monthPeriod(single(args, 'month'));
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(`--month: ${error.message}`);
      throw error;
    }
    const em = orm.em.fork();
    const unit = await em.findOne(Unit, { code });
    if (!unit) throw new UsageError(`unit ${code} does not exist`);
    const file = args.options.get('out')?.[0];
    if (!file) {
      for await (const line of archiveLines(em, unit, period)) out(line.trimEnd());
      return 0;
    }
    // 'wx': an archive file is never overwritten by a second run.
    const stream = createWriteStream(file, { flags: 'wx', encoding: 'utf8' });
    const opened = once(stream, 'open');
    const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined); // handled where it is raced; this only keeps an early error from being "unhandled"
    try {
      await Promise.race([opened, failed]);
      const counts = { item: 0, recall: 0, disposition: 0 };
      for await (const line of archiveLines(em, unit, period)) {
        const type = /^\{"type":"(item|recall|disposition)"/.exec(line)?.[1] as keyof typeof counts | undefined;
        if (type) counts[type] += 1;
        if (!stream.write(line)) await Promise.race([once(stream, 'drain'), failed]);
      }
      stream.end();
      await Promise.race([once(stream, 'finish'), failed]);
      err(`${counts.item} published item(s) of ${code} written to ${file}, with ${counts.recall} recall(s) and ${counts.disposition} disposition(s)`);
      return 0;
    } catch (error) {
      stream.destroy();
      throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
    }
  },
};
