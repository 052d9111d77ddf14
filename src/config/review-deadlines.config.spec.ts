import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env.schema';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('review deadline settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearance-holidays-'));

  it('defaults to two working days in Beijing time with weekends only', () => {
    const sut = loadConfig({}).deadlines;
    expect(sut).toMatchObject({ reviewDue: { unit: 'wd', amount: 2 }, timeZone: 'Asia/Shanghai' });
    expect(sut.calendar.holidays.size + sut.calendar.workdays.size).toBe(0);
  });

  it('reads REVIEW_DUE in working days or, for drills, seconds, and the operator calendar', () => {
    const file = join(dir, 'holidays.txt');
    writeFileSync(file, '# ours\n2030-10-01 holiday 示例\n2030-09-29 workday 示例调休\n');
    const sut = loadConfig({ REVIEW_DUE: '40s', HOLIDAYS_FILE: file, REVIEW_TIME_ZONE: 'Asia/Urumqi' }).deadlines;
    expect(sut).toMatchObject({ reviewDue: { unit: 's', amount: 40 }, timeZone: 'Asia/Urumqi', holidaysFile: file });
    expect([...sut.calendar.holidays, ...sut.calendar.workdays]).toEqual(['2030-10-01', '2030-09-29']);
  });

  it('names each bad variable, and the line of a bad calendar entry', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '2030-10-01 holiday\n2030-10-1 holiday\n');
    const problems = problemsOf({ REVIEW_DUE: '2 days', HOLIDAYS_FILE: bad, REVIEW_TIME_ZONE: 'Mars/Olympus' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^REVIEW_DUE must be working days, hours, minutes or seconds, e\.g\. 2wd/);
    expect(problems[1]).toMatch(/^REVIEW_TIME_ZONE must be an IANA time zone/);
    expect(problems[2]).toContain(`HOLIDAYS_FILE is not usable: ${bad} line 2: expected`);
    expect(problemsOf({ HOLIDAYS_FILE: join(dir, 'missing.txt') })[0]).toMatch(/^HOLIDAYS_FILE is not usable: cannot be read \(ENOENT/);
  });
});
