import { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/**
 * Raw statements in the transaction of `em`. The audit chain is extended from inside a flush, where the
 * entity manager must not be used for queries (it would try to flush again).
 */
export async function sql<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  if (!isPostgres(em)) return (await em.getConnection('write').execute(query, params, 'all', em.getTransactionContext())) as T[];
  // PostgreSQL: through knex with bind parameters. MikroORM's execute writes every value into the statement's text
  // first, escaping a submission's body character by character: an insert of one cost twice the CPU that way
  // (npm run bench:statements). Errors are converted as MikroORM converts its own (a unique key → 409).
  const knex = em.getTransactionContext<Knex.Transaction>() ?? (em.getConnection('write') as AbstractSqlConnection).getKnex();
  try {
    // knex refuses an undefined binding where MikroORM's text had NULL.
    const bindings = params.map((p) => (p === undefined ? null : p)) as Knex.RawBinding[];
    return ((await knex.raw(query, bindings)) as { rows: T[] }).rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
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
