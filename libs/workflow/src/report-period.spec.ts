import { DomainError } from './domain-error';
import { assertMayReadReports, monthPeriod, reportPeriod } from './report-period';

const now = new Date('2026-11-27T06:00:00Z');

function refusal(run: () => unknown): { kind: string; field?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reportPeriod', () => {
  it('defaults to the seven days up to now', () => {
    expect(reportPeriod(undefined, undefined, now)).toEqual({ from: new Date('2026-11-20T06:00:00Z'), to: now });
  });

  it('reads dates as whole days in China Standard Time, the last day included', () => {
    expect(reportPeriod('2026-11-01', '2026-11-30', now)).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
  });

  it('takes timestamps with a zone as given, the end excluded', () => {
    expect(reportPeriod('2026-11-01T09:00:00+08:00', '2026-11-01T10:30:00Z', now)).toEqual({
      from: new Date('2026-11-01T01:00:00Z'),
      to: new Date('2026-11-01T10:30:00Z'),
    });
  });

  it('names the field of a bound it cannot read', () => {
    expect(refusal(() => reportPeriod('yesterday', undefined, now))).toMatchObject({ kind: 'invalid', field: 'from' });
    expect(refusal(() => reportPeriod(undefined, '2026-11-01T08:00:00', now))).toMatchObject({ kind: 'invalid', field: 'to' });
    expect(refusal(() => reportPeriod('2026-02-30', '2026-03-02', now))).toMatchObject({ kind: 'invalid', field: 'from', message: expect.stringContaining('not a real date') });
    expect(refusal(() => reportPeriod('2026-13-01', undefined, now))).toMatchObject({ kind: 'invalid', field: 'from', message: expect.stringContaining('not a real date') });
    expect(refusal(() => reportPeriod(undefined, '2026-11-01T25:00:00Z', now))).toMatchObject({ kind: 'invalid', field: 'to' });
  });

  it('refuses an empty, reversed or over-long period', () => {
    expect(refusal(() => reportPeriod('2026-11-02', '2026-11-01', now))).toMatchObject({ kind: 'invalid', field: 'from' });
    expect(refusal(() => reportPeriod('2024-01-01', '2026-01-01', now))).toMatchObject({ kind: 'invalid', field: 'to' });
    expect(reportPeriod('2025-01-01', '2025-12-31', now).to).toEqual(new Date('2025-12-31T16:00:00Z'));
  });
});

describe('assertMayReadReports', () => {
  it('lets the leader, chief and secrecy administrator read, not the filler', () => {
    for (const role of ['leader', 'chief', 'admin'] as const) expect(() => assertMayReadReports({ userId: 'u', unitId: 'x', roles: [role] })).not.toThrow();
    expect(() => assertMayReadReports({ userId: 'u', unitId: 'x', roles: ['filler'] })).toThrow(/leader, chief or secrecy administrator/);
  });
});

describe('monthPeriod', () => {
  it('is the calendar month in China Standard Time, December running into the next year', () => {
    expect(monthPeriod('2026-11')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthPeriod('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
  });

  it('names the field of anything that is not YYYY-MM', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', 'November', '2026-11-01']) {
      expect(refusal(() => monthPeriod(bad))).toMatchObject({ kind: 'invalid', field: 'month' });
    }
  });
});
