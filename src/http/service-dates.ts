import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The instants a request may name. Far wider than the service's own life, narrow enough that every database and
 * driver stores them: year 0001 in UTC+8 is year 0 in UTC, which PostgreSQL refuses, and JavaScript reaches 275760.
 */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');
export const SERVICE_DATE_RANGE = '2000-01-01 and 9999-12-31';

export function isServiceInstant(at: Date): boolean {
  return !Number.isNaN(at.getTime()) && at >= EARLIEST_INSTANT && at <= LATEST_INSTANT;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A report bound (a date taken in UTC+8, or a timestamp with a zone) inside the service's date range. What is not
 * a date at all passes here and is refused by reportPeriod, whose message says what a bound looks like.
 */
export function IsReportBoundInRange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReportBoundInRange',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return true;
          const at = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00+08:00` : value);
          return Number.isNaN(at.getTime()) || isServiceInstant(at);
        },
        defaultMessage: (args) => `${args?.property ?? 'the date'} must lie between ${SERVICE_DATE_RANGE}`,
      },
    },
    options,
  );
}
