import { DomainError, formatDueSpec, LEVELS, parseDueSpec } from '@clearance/workflow';
import { Unit } from '../auth/entities/unit.entity';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { UnitReviewDue } from '../deadlines/entities/unit-review-due.entity';
import { inTransaction } from '../database/transaction';
import { CliCommand } from './cli-command';
import { optional, parseArgs, single, UsageError } from './cli-args';

/** `default` gives the level back to REVIEW_DUE. */
const DEFAULT = 'default';

export const unitSetDue: CliCommand = {
  name: 'unit:set-due',
  usage: 'unit:set-due --unit <code> [--filler 2wd] [--leader 2wd] [--chief 1wd]   (working days, or 4h / 90m / 40s; "default" = REVIEW_DUE)',
  summary: "set a unit's own review time per level (初审, 复审, 复核); with no level given, print it",
  async run(argv, { orm, config, out }) {
    const args = parseArgs(argv, ['unit', ...LEVELS]);
    if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
    const code = single(args, 'unit');
    const changes: Partial<Record<(typeof LEVELS)[number], string | null>> = {};
    for (const level of LEVELS) {
      const value = optional(args, level);
      if (value === undefined) continue;
      try {
        changes[level] = value === DEFAULT ? null : formatDueSpec(parseDueSpec(value, `--${level}`));
      } catch (error) {
        if (error instanceof DomainError) throw new UsageError(error.message);
        throw error;
      }
    }
    const shown = await inTransaction(orm.em, async ({ em }) => {
      const unit = await em.findOne(Unit, { code });
      if (!unit) throw new UsageError(`unit ${code} does not exist`);
      let row = await em.findOne(UnitReviewDue, { unit });
      if (Object.keys(changes).length) {
        row ??= em.create(UnitReviewDue, { unit });
        Object.assign(row, changes, { updatedAt: new Date() });
        await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'unit.review_due_set', data: { unit: code, ...changes } });
      }
      const fallback = formatDueSpec(config.deadlines.reviewDue);
      return LEVELS.map((level) => `${level} ${row?.[level] ?? `${fallback} (REVIEW_DUE)`}`);
    });
    out(`unit ${code}: ${shown.join(', ')}`);
    out('applies to items entering a level from now on; due times already set stay as they are');
    return 0;
  },
};
