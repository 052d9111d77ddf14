import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '@clearance/workflow';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { LexiconService } from '../lexicon/lexicon.service';
import { CliCommand, CliContext } from './cli-command';
import { optional, parseArgs, single, UsageError } from './cli-args';

const service = (ctx: CliContext) => new LexiconService(ctx.orm.em, new AuditService(ctx.config));

/** A refused term (bad field, duplicate) is the operator's data, not their usage: exit 1 with the reason. */
async function refusable(ctx: CliContext, name: string, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.err(`${name}: ${error.field ? `${error.field}: ` : ''}${error.message}`);
    return 1;
  }
}

const lexiconAdd: CliCommand = {
  name: 'lexicon:add',
  usage: 'lexicon:add <term> --category <c> --severity block|review|info [--allow <phrase>]… [--match substring|word] --note <why>',
  summary: 'add a lexicon term (every process scans with it from its next scan)',
  async run(argv, ctx) {
    const args = parseArgs(argv, ['category', 'severity', 'allow', 'match', 'note']);
    const [term, extra] = args.positional;
    if (term === undefined || extra !== undefined) throw new UsageError('exactly one term is required');
    const input = {
      term, category: single(args, 'category'), severity: single(args, 'severity'), allow: args.options.get('allow'), match: optional(args, 'match'), note: single(args, 'note'),
    };
    return refusable(ctx, 'lexicon:add', async () => {
      const { term: added, revision } = await service(ctx).add(input, auditActor('cli'));
      ctx.out(`term ${added.term} added (${added.category}, ${added.severity}, ${added.match}), id ${added.id}; lexicon revision ${revision}`);
    });
  },
};

const lexiconList: CliCommand = {
  name: 'lexicon:list',
  usage: 'lexicon:list',
  summary: 'every lexicon term, shipped and custom: source, id, term, category, severity, active, allow phrases, match mode (tab-separated)',
  async run(argv, ctx) {
    if (argv.length > 0) throw new UsageError('lexicon:list takes no arguments');
    const { revision, terms } = await service(ctx).list();
    const custom = terms.filter((t) => t.source === 'custom');
    ctx.out(`# revision ${revision}: ${terms.length - custom.length} default terms, ${custom.filter((t) => t.active).length} custom terms active, ${custom.filter((t) => !t.active).length} deactivated`);
    for (const t of terms) ctx.out([t.source, t.id ?? '-', t.term, t.category, t.severity, t.active ? 'active' : 'inactive', t.allow.join('|'), t.match].join('\t'));
    return 0;
  },
};

const lexiconImport: CliCommand = {
  name: 'lexicon:import',
  usage: 'lexicon:import <file.tsv> [--note <why>]',
  summary: 'add the terms of a file in the default lexicon format, all or nothing; terms already present are skipped',
  async run(argv, ctx) {
    const args = parseArgs(argv, ['note']);
    const [file, extra] = args.positional;
    if (file === undefined || extra !== undefined) throw new UsageError('exactly one file is required');
    const note = args.options.get('note');
    if (note && note.length > 1) throw new UsageError('--note may be given once');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    return refusable(ctx, 'lexicon:import', async () => {
      const result = await service(ctx).import(text, basename(file), note?.[0] ?? `imported from ${basename(file)}`, auditActor('cli'));
      ctx.out(`${basename(file)}: ${result.added} added, ${result.skipped.length} skipped; lexicon revision ${result.revision}`);
      for (const s of result.skipped) ctx.out(`skipped ${s.term}: ${s.reason}`);
    });
  },
};

export const LEXICON_COMMANDS: CliCommand[] = [lexiconAdd, lexiconList, lexiconImport];
