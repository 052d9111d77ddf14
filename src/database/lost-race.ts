import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/**
 * Lost races: PostgreSQL deadlock (40P01), serialization failure (40001) and lock not available (55P03, under
 * NOWAIT or a lock_timeout); SQLite busy or locked. MikroORM converts the first two and SQLite's "database is
 * locked" into DeadlockException and LockWaitTimeoutException, but not errors raised by BEGIN or COMMIT, which
 * knex issues itself; those keep only the driver's code. Also a prepared statement whose plan a schema change made
 * stale (isStalePlan): `sql()` sends its text unprepared after the first failure, so running the work again cures it.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof DeadlockException || error instanceof LockWaitTimeoutException || isStalePlan(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === '40P01' || code === '40001' || code === '55P03' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** PostgreSQL's refusal to run a prepared statement whose result columns changed since it was prepared (0A000). */
export function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}
