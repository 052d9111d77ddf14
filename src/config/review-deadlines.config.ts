import { readFileSync } from 'node:fs';
import {
  DEFAULT_TIME_ZONE, DomainError, DueSpec, HolidayCalendar, HolidayCalendarError, isTimeZone, NO_HOLIDAYS, parseDueSpec, parseHolidayCalendar,
} from '@clearance/workflow';
import type { EnvReader } from './env.schema';

export interface ReviewDeadlinesConfig {
  /** REVIEW_DUE: each level's time unless the unit sets its own (unit:set-due). */
  reviewDue: DueSpec;
  /** REVIEW_TIME_ZONE: where working days and the time of day are counted. */
  timeZone: string;
  /** HOLIDAYS_FILE, read once at start; without it only weekends are days off. */
  holidaysFile?: string;
  calendar: HolidayCalendar;
}

const DEFAULT_DUE: DueSpec = { unit: 'wd', amount: 2 };

export function reviewDeadlines(read: EnvReader): ReviewDeadlinesConfig {
  const dueText = read.raw('REVIEW_DUE');
  let reviewDue = DEFAULT_DUE;
  if (dueText !== undefined) {
    try {
      reviewDue = parseDueSpec(dueText, 'REVIEW_DUE');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      read.fail('REVIEW_DUE', `must be working days, hours, minutes or seconds, e.g. 2wd, 4h, 90m, 40s (got "${dueText}")`, undefined);
    }
  }
  const timeZone = read.raw('REVIEW_TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) read.fail('REVIEW_TIME_ZONE', `must be an IANA time zone such as Asia/Shanghai (got "${timeZone}")`, undefined);
  const holidaysFile = read.raw('HOLIDAYS_FILE');
  let calendar = NO_HOLIDAYS;
  if (holidaysFile !== undefined) {
    try {
      calendar = parseHolidayCalendar(readFileSync(holidaysFile, 'utf8'), holidaysFile);
    } catch (error) {
      const reason = error instanceof HolidayCalendarError ? error.message : `cannot be read (${(error as Error).message})`;
      read.fail('HOLIDAYS_FILE', `is not usable: ${reason}`, undefined);
    }
  }
  return { reviewDue, timeZone: isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE, holidaysFile, calendar };
}
