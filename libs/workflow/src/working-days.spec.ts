import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addWorkingDays, dueAt, HolidayCalendarError, isWorkingDay, localDay, parseDueSpec, parseHolidayCalendar, reminderAt,
} from './working-days';

/** An instant written in Beijing time. */
const cst = (text: string) => new Date(`${text}+08:00`);

// Made-up days for the tests, not an official arrangement: 2030-10-01 (Tue) to 10-03 (Thu) off, Sunday 2030-09-29 worked.
const calendar = parseHolidayCalendar([
  '# test calendar',
  '2030-10-01 holiday 示例假日',
  '2030-10-02 holiday',
  '2030-10-03 holiday 示例假日',
  '',
  '2030-09-29 workday 示例调休',
].join('\n'));

describe('working days', () => {
  it('skips the weekend, keeping the time of day', () => {
    // 2030-09-20 is a Friday.
    expect(addWorkingDays(cst('2030-09-20T16:30:00'), 1, calendar)).toEqual(cst('2030-09-23T16:30:00'));
    expect(addWorkingDays(cst('2030-09-20T16:30:00'), 2, calendar)).toEqual(cst('2030-09-24T16:30:00'));
    expect(addWorkingDays(cst('2030-09-21T09:00:00'), 1, calendar)).toEqual(cst('2030-09-23T09:00:00'));
  });

  it('skips holidays and counts an adjusted workday (调休) on a weekend', () => {
    // Friday 09-27 + 1 is the Sunday worked; Monday 09-30 + 1 jumps the three days off to Friday 10-04.
    expect(addWorkingDays(cst('2030-09-27T10:00:00'), 1, calendar)).toEqual(cst('2030-09-29T10:00:00'));
    expect(addWorkingDays(cst('2030-09-27T10:00:00'), 2, calendar)).toEqual(cst('2030-09-30T10:00:00'));
    expect(addWorkingDays(cst('2030-09-30T10:00:00'), 1, calendar)).toEqual(cst('2030-10-04T10:00:00'));
    expect(isWorkingDay('2030-09-29', calendar)).toBe(true);
    expect(isWorkingDay('2030-10-02', calendar)).toBe(false);
    expect(isWorkingDay('2030-10-05', calendar)).toBe(false);
  });

  it('counts days in the given time zone, not in UTC or the process zone', () => {
    // 07:30 on Monday in Beijing is still Sunday in UTC; + 1 working day is Tuesday 07:30 in Beijing.
    const monday = cst('2030-09-23T07:30:00');
    expect(localDay(monday)).toBe('2030-09-23');
    expect(addWorkingDays(monday, 1)).toEqual(cst('2030-09-24T07:30:00'));
    // The same instant in UTC is Sunday 23:30: + 1 is Monday 23:30 UTC.
    expect(addWorkingDays(monday, 1, calendar, 'UTC')).toEqual(new Date('2030-09-23T23:30:00Z'));
    // Just before midnight in Beijing, the time of day is kept across the date line of UTC.
    expect(addWorkingDays(cst('2030-09-20T23:59:59.500'), 1)).toEqual(cst('2030-09-23T23:59:59.500'));
  });

  it('keeps the local time of day across a DST change where a zone has one', () => {
    // New York leaves DST on 2030-11-03 (Sunday): Friday 09:00 EDT + 1 is Monday 09:00 EST, 73 h later.
    const friday = new Date('2030-11-01T09:00:00-04:00');
    expect(addWorkingDays(friday, 1, undefined, 'America/New_York')).toEqual(new Date('2030-11-04T09:00:00-05:00'));
  });

  it('reads the zone offset right on both sides of a change, in whatever order instants come', () => {
    // Offsets are kept per quarter hour. Kathmandu's only change, 1986-01-01 00:00 local, moved +5:30 to +5:45:
    // the day at local midnight then depends on which offset holds. Berlin's DST starts 2030-03-31 01:00 UTC.
    const reference = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    const instants = [
      ...[-16, -15, -14, 0, 1, 14, 15, 16].map((m) => ['Asia/Kathmandu', new Date(Date.UTC(1985, 11, 31, 18, 30) + m * 60_000)] as const),
      ...[-61, -60, -59, -1, 0, 59, 60, 61].map((m) => ['Europe/Berlin', new Date(Date.UTC(2030, 2, 30, 23, 0) + m * 60_000)] as const),
    ];
    for (const order of [instants, [...instants].reverse()]) {
      for (const [zone, instant] of order) expect([zone, instant.toISOString(), localDay(instant, zone)]).toEqual([zone, instant.toISOString(), reference(instant, zone)]);
    }
  });

  it('works out a quarter hour that holds a change of offset at each instant', () => {
    // Shanghai left local mean time (+8:05:43) at 1900-12-31 15:54:17 UTC, inside the quarter hour from 15:45.
    const before = new Date('1900-12-31T15:50:00Z'); // 23:55:43 local mean time
    const after = new Date('1900-12-31T15:59:00Z'); // 23:59:00 CST
    for (const [first, second] of [[before, after], [after, before]]) {
      expect(localDay(first, 'Asia/Shanghai')).toBe('1900-12-31');
      expect(localDay(second, 'Asia/Shanghai')).toBe('1900-12-31');
    }
    // 1901-01-01 is a Tuesday: one working day later at the same local time, in CST.
    expect(addWorkingDays(after, 1, undefined, 'Asia/Shanghai')).toEqual(new Date('1901-01-01T15:59:00Z'));
    expect(addWorkingDays(before, 1, undefined, 'Asia/Shanghai')).toEqual(new Date('1901-01-01T15:55:43Z'));
  });

  it('adds nothing for zero days and refuses a negative count', () => {
    expect(addWorkingDays(cst('2030-09-21T09:00:00'), 0)).toEqual(cst('2030-09-21T09:00:00'));
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
  });
});

describe('the holiday calendar file', () => {
  it('names the line of a bad entry', () => {
    expect(() => parseHolidayCalendar('2030-10-01 holiday\n2030-13-01 holiday', 'h.txt')).toThrow(new HolidayCalendarError('h.txt line 2: 2030-13-01 is not a real date'));
    expect(() => parseHolidayCalendar('2030-10-01 day-off')).toThrow(/line 1: expected "YYYY-MM-DD holiday\|workday \[name\]"/);
    expect(() => parseHolidayCalendar('2030-10-01 holiday\n2030-10-01 workday')).toThrow(/line 2: 2030-10-01 is listed both/);
  });

  it('reads the example file shipped with the service', () => {
    const example = parseHolidayCalendar(readFileSync(join(__dirname, '../../../config/holidays.example.txt'), 'utf8'));
    expect(example.holidays.size).toBeGreaterThan(0);
    expect(example.workdays.size).toBeGreaterThan(0);
  });
});

describe('due times', () => {
  it('parses working days, hours, minutes and seconds', () => {
    expect(parseDueSpec('2wd')).toEqual({ unit: 'wd', amount: 2 });
    expect(parseDueSpec('90m')).toEqual({ unit: 'm', amount: 90 });
    expect(parseDueSpec('40s')).toEqual({ unit: 's', amount: 40 });
    for (const bad of ['0wd', '2', 'wd', '2d', '-1m', '1.5wd']) expect(() => parseDueSpec(bad, 'REVIEW_DUE')).toThrow(/REVIEW_DUE must be/);
  });

  it('puts the reminder halfway to the due time', () => {
    const start = cst('2030-09-20T16:00:00');
    const due = dueAt(start, parseDueSpec('1wd'), calendar);
    expect(due).toEqual(cst('2030-09-23T16:00:00'));
    expect(reminderAt(start, due)).toEqual(cst('2030-09-22T04:00:00'));
    expect(dueAt(start, parseDueSpec('40s'))).toEqual(cst('2030-09-20T16:00:40'));
  });
});
