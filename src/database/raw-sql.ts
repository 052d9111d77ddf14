import { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/**
 * Raw statements in the transaction of `em`. The audit chain is extended from inside a flush, where the
 * entity manager must not be used for queries (it would try to flush again).
 */
export async function sql<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection('write').execute(query, params, 'all', em.getTransactionContext())) as T[];
}

export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/** Through MikroORM's connection PostgreSQL gives timestamps as text (node-pg alone, as Date); SQLite stores epoch milliseconds. */
export function rawDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value);
  throw new Error(`not a timestamp: ${String(value)}`);
}

/** The value to bind for a timestamp column, the way MikroORM writes it on each database. */
export function dateParam(em: { getPlatform(): unknown }, value: Date): string | number {
  return em.getPlatform() instanceof PostgreSqlPlatform ? value.toISOString() : value.getTime();
}

/** PostgreSQL parses json/jsonb columns; SQLite returns their text. */
export function rawJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
