import { cronOf, isoWeek, owedPeriodKey, periodKey } from './digest-periods';

const TZ = 'Asia/Shanghai';

describe('digest periods', () => {
  it('names the day and the ISO week in the configured zone', () => {
    // 2026-12-06 17:00 UTC is Monday 2026-12-07 01:00 in Beijing.
    const at = new Date('2026-12-06T17:00:00Z');
    expect(periodKey('daily', at, TZ)).toBe('2026-12-07');
    expect(periodKey('weekly', at, TZ)).toBe('2026-W50');
    expect(periodKey('daily', at, 'UTC')).toBe('2026-12-06');
    expect(isoWeek(2021, 1, 3)).toBe('2020-W53');
    expect(isoWeek(2024, 12, 30)).toBe('2025-W01');
  });

  it('owes a digest once its time of the day or week has passed', () => {
    const daily = { hour: 8, minute: 30 };
    expect(owedPeriodKey('daily', daily, new Date('2026-12-07T00:29:00Z'), TZ)).toBeNull();
    expect(owedPeriodKey('daily', daily, new Date('2026-12-07T00:30:00Z'), TZ)).toBe('2026-12-07');
    const weekly = { weekday: 1, hour: 8, minute: 30 };
    expect(owedPeriodKey('weekly', weekly, new Date('2026-12-07T00:00:00Z'), TZ)).toBeNull();
    expect(owedPeriodKey('weekly', weekly, new Date('2026-12-09T03:00:00Z'), TZ)).toBe('2026-W50');
    expect(owedPeriodKey('weekly', { weekday: 0, hour: 9, minute: 0 }, new Date('2026-12-12T03:00:00Z'), TZ)).toBeNull();
  });

  it('writes cron patterns for the job schedulers', () => {
    expect(cronOf({ hour: 8, minute: 30 })).toBe('30 8 * * *');
    expect(cronOf({ weekday: 1, hour: 8, minute: 5 })).toBe('5 8 * * 1');
  });
});
