import { DomainError, LEVEL_LABELS, LEVELS, reportPeriod } from '@clearance/workflow';
import { Unit } from '../auth/entities/unit.entity';
import { buildUnitReport, UnitReport } from '../reports/reports.service';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';

const optional = (values: string[] | undefined, name: string): string | undefined => {
  if (values && values.length > 1) throw new UsageError(`--${name} may be given once`);
  return values?.[0];
};

/** The figures as lines an operator can paste into a bulletin; --json gives the API's shape. */
function lines(report: UnitReport): string[] {
  const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const nonZero = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  const { now, inPeriod } = report;
  return [
    `${report.unit.code} ${report.unit.name}: ${day(report.period.from)} to ${day(report.period.to)} (UTC+8)`,
    `now: ${now.awaitingReview} awaiting review${now.oldestWaitingSince ? ` (oldest since ${day(now.oldestWaitingSince)})` : ''}; ${nonZero(now.byState)}`,
    `overdue now: ${now.overdue.total}${now.overdue.total ? ` (${nonZero({ filler: now.overdue.filler, leader: now.overdue.leader, chief: now.overdue.chief })})` : ''}; levels overdue in the period: ${inPeriod.overdue}`,
    `received ${inPeriod.received} new items; ${inPeriod.recalls} recalls; entered: ${nonZero(inPeriod.entered)}`,
    `scans ${inPeriod.scans.total}: ${nonZero(inPeriod.scans.byVerdict)}; hits: ${nonZero(inPeriod.scans.hitsByCategory)}`,
    ...LEVELS.map((level) => {
      const t = inPeriod.reviewTimes[level];
      return `${LEVEL_LABELS[level]} ${level}: ${t.decided} decided${t.decided ? `, minutes median ${t.medianMinutes}, p90 ${t.p90Minutes}, max ${t.maxMinutes}` : ''}`;
    }),
  ];
}

export const report: CliCommand = {
  name: 'report',
  usage: 'report <unit> [--from <date>] [--to <date>] [--json]',
  summary: "a unit's figures: where its items stand, what the period brought (default: the last 7 days)",
  async run(argv, { orm, out }) {
    const json = argv.includes('--json');
    const args = parseArgs(argv.filter((a) => a !== '--json'), ['from', 'to']);
    const [code, ...extra] = args.positional;
    if (!code || extra.length) throw new UsageError('one unit code is required');
    let period;
    try {
      period = reportPeriod(optional(args.options.get('from'), 'from'), optional(args.options.get('to'), 'to'), new Date());
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(`--${error.field}: ${error.message}`);
      throw error;
    }
    const em = orm.em.fork();
    const unit = await em.findOne(Unit, { code });
    if (!unit) throw new UsageError(`unit ${code} does not exist`);
    const figures = await buildUnitReport(em, unit, period);
    if (json) out(JSON.stringify(figures, null, 2));
    else lines(figures).forEach((line) => out(line));
    return 0;
  },
};
