import type { DigestTime } from '../config/notifications.config';

export type DigestPeriod = 'daily' | 'weekly';

interface LocalTime {
  date: string;
  year: number;
  month: number;
  day: number;
  /** ISO: Monday 1 … Sunday 7. */
  isoWeekday: number;
  minutes: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const isoWeekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), isoWeekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** ISO 8601 week of a calendar date, e.g. 2026-W49. */
export function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The period a digest written at `at` covers: its local date, or its ISO week. The digests' dedupe keys end with it. */
export function periodKey(period: DigestPeriod, at: Date, timeZone: string): string {
  const local = localTime(at, timeZone);
  return period === 'daily' ? local.date : isoWeek(local.year, local.month, local.day);
}

/**
 * The key of the current period if its scheduled moment has passed (so its digest is owed), else null. Lets a
 * worker that was down, or a Redis that lost the scheduler, catch up later in the same day or week.
 */
export function owedPeriodKey(period: DigestPeriod, spec: DigestTime, now: Date, timeZone: string): string | null {
  const local = localTime(now, timeZone);
  const at = spec.hour * 60 + spec.minute;
  if (period === 'daily') return local.minutes >= at ? local.date : null;
  const scheduled = spec.weekday === 0 ? 7 : spec.weekday!;
  const passed = local.isoWeekday > scheduled || (local.isoWeekday === scheduled && local.minutes >= at);
  return passed ? isoWeek(local.year, local.month, local.day) : null;
}

/** A cron pattern (minute hour day month weekday) for BullMQ's job scheduler, read in the configured zone. */
export function cronOf(spec: DigestTime): string {
  return `${spec.minute} ${spec.hour} * * ${spec.weekday ?? '*'}`;
}
