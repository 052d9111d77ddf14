import { DomainError, ForbiddenActError } from './domain-error';
import type { Actor } from './guards';

/** Units report in China Standard Time: a date-only bound means that day in UTC+8. */
const DAY_OFFSET = '+08:00';
const DAY_MS = 86_400_000;
export const DEFAULT_REPORT_DAYS = 7;
export const MAX_REPORT_DAYS = 366;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ReportPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/**
 * The period a report covers. `from` and `to` are dates (`2026-11-01`, whole days in UTC+8, `to`
 * included) or timestamps with a zone (`to` excluded); by default, the last seven days up to now.
 */
export function reportPeriod(fromText: string | undefined, toText: string | undefined, now: Date): ReportPeriod {
  const to = toText === undefined ? now : parseBound(toText, 'to', true);
  const from = fromText === undefined ? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS) : parseBound(fromText, 'from', false);
  if (from >= to) throw new DomainError('invalid', 'from must be before to', 'from');
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    throw new DomainError('invalid', `a report covers at most ${MAX_REPORT_DAYS} days`, 'to');
  }
  return { from, to };
}

function parseBound(text: string, field: 'from' | 'to', end: boolean): Date {
  const dateOnly = DATE_ONLY.test(text);
  if (!dateOnly && !TIMESTAMP.test(text)) {
    throw new DomainError('invalid', `${field} must be a date (2026-11-01) or a timestamp with a zone (2026-11-01T08:00:00+08:00)`, field);
  }
  const parsed = new Date(dateOnly ? `${text}T00:00:00${DAY_OFFSET}` : text);
  // Date rejects month 13 but rolls 2026-02-30 over: a real calendar date must also read back the same.
  const real = !Number.isNaN(parsed.getTime()) && (!dateOnly || new Date(parsed.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) === text);
  if (!real) throw new DomainError('invalid', `${field} is not a real date: ${text}`, field);
  return dateOnly && end ? new Date(parsed.getTime() + DAY_MS) : parsed;
}

/** A unit's figures are for those who answer for its reviews: its leader in charge, its chief and its secrecy administrators. */
export function assertMayReadReports(actor: Actor): void {
  if (!actor.roles.some((role) => role === 'leader' || role === 'chief' || role === 'admin')) {
    throw new ForbiddenActError("only a leader, chief or secrecy administrator may read the unit's reports");
  }
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** A calendar month in China Standard Time (`2026-11`): from its first day to the first day of the next. */
export function monthPeriod(text: string, field = 'month'): ReportPeriod {
  const m = MONTH.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new DomainError('invalid', `${field} must be a month written YYYY-MM, e.g. 2026-11`, field);
  const year = Number(m[1]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: new Date(`${text}-01T00:00:00${DAY_OFFSET}`), to: new Date(`${next}-01T00:00:00${DAY_OFFSET}`) };
}
