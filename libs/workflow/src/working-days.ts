import { DomainError } from './domain-error';

/**
 * Working days: Monday to Friday, minus the public holidays and plus the adjusted workdays (调休) of the
 * calendar the operator keeps (the State Council publishes each year's arrangement; Clearance never guesses it).
 */
export interface HolidayCalendar {
  /** Days off that would otherwise be working days, `YYYY-MM-DD`. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休), `YYYY-MM-DD`. */
  readonly workdays: ReadonlySet<string>;
}

export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), workdays: new Set() };
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export class HolidayCalendarError extends Error {}

const DAY_LINE = /^(\d{4}-\d{2}-\d{2})\s+(holiday|workday)(?:\s+(.*))?$/;

/**
 * The operator's calendar file: one day a line, `2026-10-01 holiday 国庆节` or `2026-10-11 workday 调休`, the name
 * optional; blank lines and lines starting with `#` are ignored. A day listed twice must say the same both times.
 */
export function parseHolidayCalendar(text: string, source = 'holiday calendar'): HolidayCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${source} line ${index + 1}`;
    const m = DAY_LINE.exec(line);
    if (!m) throw new HolidayCalendarError(`${where}: expected "YYYY-MM-DD holiday|workday [name]", got "${line.slice(0, 80)}"`);
    const [, day, kind] = m;
    if (!isRealDay(day)) throw new HolidayCalendarError(`${where}: ${day} is not a real date`);
    const [mine, other] = kind === 'holiday' ? [holidays, workdays] : [workdays, holidays];
    if (other.has(day)) throw new HolidayCalendarError(`${where}: ${day} is listed both as a holiday and as a workday`);
    mine.add(day);
  });
  return { holidays, workdays };
}

function isRealDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Whether a calendar day (`YYYY-MM-DD`) is a working day. */
export function isWorkingDay(day: string, calendar: HolidayCalendar = NO_HOLIDAYS): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

interface WallTime {
  day: string;
  /** Milliseconds since local midnight. */
  timeMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows the IANA time zone (e.g. Asia/Shanghai). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offsets are kept per zone and quarter of an hour, the span today's changes of offset fall on. */
const OFFSET_SPAN_MS = 15 * 60_000;
const OFFSET_SPANS_KEPT = 4096;
const knownOffsets = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC at an instant, in ms (Asia/Shanghai: always +8 h; it has had no DST since 1991).
 * Intl's formatToParts costs tens of µs and every deadline asks three times, so the offset of a quarter hour is
 * kept when its first and last second agree (offsets change on whole seconds, months apart); a quarter hour
 * that holds a change is worked out at every call.
 */
function offsetMs(instant: number, timeZone: string): number {
  const span = Math.floor(instant / OFFSET_SPAN_MS);
  let spans = knownOffsets.get(timeZone);
  const known = spans?.get(span);
  if (known !== undefined) return known;
  const first = zoneOffsetMs(span * OFFSET_SPAN_MS, timeZone);
  if (zoneOffsetMs((span + 1) * OFFSET_SPAN_MS - 1000, timeZone) !== first) return zoneOffsetMs(instant, timeZone);
  if (!spans) knownOffsets.set(timeZone, (spans = new Map()));
  if (spans.size >= OFFSET_SPANS_KEPT) spans.clear();
  spans.set(span, first);
  return first;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

function wallTime(instant: number, timeZone: string): WallTime {
  const local = instant + offsetMs(instant, timeZone);
  const midnight = Math.floor(local / 86_400_000) * 86_400_000;
  return { day: new Date(midnight).toISOString().slice(0, 10), timeMs: local - midnight };
}

/** The instant a local wall-clock time names; in a DST gap or overlap, the offset in force just before it. */
function instantOf(wall: WallTime, timeZone: string): number {
  const local = Date.parse(`${wall.day}T00:00:00Z`) + wall.timeMs;
  const guess = local - offsetMs(local, timeZone);
  return local - offsetMs(guess, timeZone);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The calendar day of an instant in a time zone, `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return wallTime(at.getTime(), timeZone).day;
}

/**
 * `days` working days after `start`, at the same local time of day in `timeZone`: each following day that is a
 * working day counts one, so Friday 10:00 + 1 is Monday 10:00, and Saturday 10:00 + 1 is Monday 10:00 too.
 */
export function addWorkingDays(start: Date, days: number, calendar: HolidayCalendar = NO_HOLIDAYS, timeZone = DEFAULT_TIME_ZONE): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0 (got ${days})`);
  const wall = wallTime(start.getTime(), timeZone);
  let day = wall.day;
  // A calendar of a few years has runs of days off far shorter than this; the bound stops a bad calendar looping.
  for (let left = days, guard = 0; left > 0; guard++) {
    if (guard > days * 7 + 400) throw new RangeError('the holiday calendar leaves no working day within reach');
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return new Date(instantOf({ day, timeMs: wall.timeMs }, timeZone));
}

/** How long a level has: working days (`2wd`), or for drills and tests hours, minutes or seconds (`4h`, `90m`, `40s`). */
export type DueSpec = { unit: 'wd' | 'h' | 'm' | 's'; amount: number };

const DUE = /^(\d{1,4})(wd|h|m|s)$/;
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000 } as const;

export function parseDueSpec(text: string, field = 'due'): DueSpec {
  const m = DUE.exec(text.trim());
  const amount = m ? Number(m[1]) : 0;
  if (!m || amount < 1) throw new DomainError('invalid', `${field} must be working days, hours, minutes or seconds, e.g. 2wd, 4h, 90m, 40s (got "${text}")`, field);
  return { unit: m[2] as DueSpec['unit'], amount };
}

export function formatDueSpec(spec: DueSpec): string {
  return `${spec.amount}${spec.unit}`;
}

/** When a level entered at `start` is due. */
export function dueAt(start: Date, spec: DueSpec, calendar: HolidayCalendar = NO_HOLIDAYS, timeZone = DEFAULT_TIME_ZONE): Date {
  if (spec.unit === 'wd') return addWorkingDays(start, spec.amount, calendar, timeZone);
  return new Date(start.getTime() + spec.amount * UNIT_MS[spec.unit]);
}

/** The half-time reminder: halfway between entering the level and its due time. */
export function reminderAt(start: Date, due: Date): Date {
  return new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) / 2));
}
