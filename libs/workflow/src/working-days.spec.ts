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
