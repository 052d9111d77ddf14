/** What one HTTP attempt came to, as the sender saw it. */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** From a Retry-After header on 429/503, in milliseconds. */
  retryAfterMs?: number;
  /** Not sent, and asking again will not change that (e.g. the outbound policy refused the address). */
  final?: boolean;
}

export type AttemptVerdict = 'delivered' | 'retry' | 'final';

const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** 2xx is success; 408, 429, 5xx, timeouts and network errors may pass; any other answer will not change by asking again. */
export function judgeAttempt(result: SendResult): AttemptVerdict {
  const code = result.statusCode;
  if (result.final) return 'final';
  if (code === null) return 'retry';
  if (code >= 200 && code < 300) return 'delivered';
  if (code === 408 || code === 429 || code >= 500) return 'retry';
  return 'final';
}

/**
 * Delay before the attempt after attempt `n` (1-based): base·2^(n-1), "equal jitter" (half fixed,
 * half random) so receivers recovering from an outage are not hit in lockstep. With the default
 * 30 s base, 10 attempts spread over at least 2 h.
 */
export function backoffDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** The next attempt's delay, never sooner than the receiver asked for with Retry-After. */
export function retryDelayMs(attempt: number, baseMs: number, result: SendResult, random?: () => number): number {
  const delay = backoffDelayMs(attempt, baseMs, random);
  return Math.min(Math.max(delay, result.retryAfterMs ?? 0), MAX_DELAY_MS);
}
