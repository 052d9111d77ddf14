import { backoffDelayMs, judgeAttempt, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  const result = (statusCode: number | null) => ({ statusCode, durationMs: 1, error: null });

  it('treats 2xx as delivered, 408/429/5xx and no answer as retryable, other 4xx and 3xx as final', () => {
    expect([200, 201, 204, 299].map((c) => judgeAttempt(result(c)))).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect([408, 429, 500, 502, 503, 504, null].map((c) => judgeAttempt(result(c)))).toEqual(Array(7).fill('retry'));
    expect([400, 401, 403, 404, 410, 422, 301].map((c) => judgeAttempt(result(c)))).toEqual(Array(7).fill('final'));
  });

  it('doubles the delay per attempt with jitter between half and the whole of it', () => {
    expect(backoffDelayMs(1, 1000, () => 0)).toBe(500);
    expect(backoffDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(backoffDelayMs(4, 1000, () => 0)).toBe(4000);
    expect(backoffDelayMs(4, 1000, () => 1)).toBe(8000);
    expect(backoffDelayMs(60, 30_000, () => 1)).toBe(24 * 60 * 60 * 1000);
  });

  it('spreads the default 10 attempts over more than an hour even with the least jitter', () => {
    let total = 0;
    for (let attempt = 1; attempt < 10; attempt++) total += backoffDelayMs(attempt, 30_000, () => 0);
    expect(total).toBeGreaterThan(60 * 60 * 1000);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelayMs(1, 1000, { statusCode: 503, durationMs: 1, error: null, retryAfterMs: 120_000 }, () => 0)).toBe(120_000);
    expect(retryDelayMs(1, 1000, { statusCode: 503, durationMs: 1, error: null }, () => 0)).toBe(500);
  });
});
