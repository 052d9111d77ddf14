import { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { isStalePlan } from './lost-race';

/**
 * Raw statements in the transaction of `em`. The audit chain is extended from inside a flush, where the
 * entity manager must not be used for queries (it would try to flush again).
 */
export async function sql<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  if (!isPostgres(em)) return (await em.getConnection('write').execute(query, params, 'all', em.getTransactionContext())) as T[];
  // PostgreSQL: node-pg on the connection knex holds for the transaction (or lends from its pool), with bind
  // parameters and a prepared statement. MikroORM's execute writes every value into the statement's text first,
  // escaping a submission's body character by character, and knex's raw builds the statement anew on every
  // call (npm run bench:statements). Errors are converted as MikroORM converts its own (a unique key → 409).
  const own = rawTransactions.get(em);
  const client = own?.client ?? knexClient(em);
  // An undefined binding is NULL, as it was in MikroORM's text.
  const values = params.map((p) => (p === undefined ? null : p));
  const connection = own?.connection ?? (await client.acquireConnection());
  const statement = prepared(query);
  try {
    return await run<T>(client, connection, statement, values);
  } catch (error) {
    if (!statement.name || !isStalePlan(error)) throw em.getDriver().convertException(error as Error);
    // A schema change (a migration run by another process) altered what the prepared statement returns: the text
    // is sent unprepared from now on. Alone it runs again at once; in a transaction, which the error aborted, the
    // transaction helpers run the whole work again (a lost race, see lost-race.ts).
    preparedStatements.set(query, { text: statement.text });
    if (own || em.getTransactionContext()) throw em.getDriver().convertException(error as Error);
    return await run<T>(client, connection, { text: statement.text }, values).catch((again: Error) => Promise.reject(em.getDriver().convertException(again)));
  } finally {
    if (!own) await client.releaseConnection(connection);
  }
}

/** One statement on a connection, announced with the event knex sends for each one it runs (loggers and the tests' statement counts listen to it). */
async function run<T>(client: KnexClient, connection: PgConnection, statement: { name?: string; text: string }, values: unknown[] = []): Promise<T[]> {
  client.emit('query', { sql: statement.text, bindings: values, __knexUid: connection.__knexUid, __knexTxId: connection.__knexTxId });
  return (await connection.query<T>({ ...statement, values })).rows;
}

/** The forks rawTransaction hands its work, with the connection their statements go to. */
const rawTransactions = new WeakMap<EntityManager, { client: KnexClient; connection: PgConnection }>();

/**
 * PostgreSQL: `work` runs with a fork whose `sql()` statements all go to one connection of knex's pool, between
 * BEGIN and COMMIT (ROLLBACK when it throws). Errors are converted as `sql()` converts them. See inPlainTransaction.
 */
export async function rawTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const client = knexClient(em, 'pool');
  const connection = await client.acquireConnection();
  const control = (text: string) => run(client, connection, { text }).catch((error: Error) => Promise.reject(em.getDriver().convertException(error)));
  const fork = em.fork();
  rawTransactions.set(fork, { client, connection });
  try {
    await control('begin');
    const result = await work(fork);
    await control('commit');
    return result;
  } catch (error) {
    // A connection that cannot roll back is in no state to be lent again: knex's pool destroys one marked so.
    await control('rollback').catch((failure: Error) => (connection.__knex__disposed = failure));
    throw error;
  } finally {
    rawTransactions.delete(fork);
    await client.releaseConnection(connection);
  }
}

/** knex's client: in a MikroORM transaction, the one bound to its connection; otherwise (or for `pool`) the pool's. */
function knexClient(em: EntityManager, from: 'context' | 'pool' = 'context'): KnexClient {
  const knex = (from === 'context' && em.getTransactionContext<Knex.Transaction>()) || (em.getConnection('write') as AbstractSqlConnection).getKnex();
  return knex.client as unknown as KnexClient;
}

/** What `sql` uses of knex's client (for a transaction, knex's client bound to the transaction's connection). */
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
  emit(event: 'query', data: object): boolean;
}

interface PgConnection {
  __knexUid?: string;
  __knexTxId?: string;
  /** Set by knex on a connection that failed; the pool destroys it instead of lending it again. */
  __knex__disposed?: unknown;
  query<T>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

/** How many distinct statements are kept prepared on each PostgreSQL connection. */
const PREPARED_LIMIT = 500;
const preparedStatements = new Map<string, { name?: string; text: string }>();

/**
 * A statement as node-pg takes it: `?` placeholders numbered, and a name to prepare it under, so each connection
 * parses and plans it once, not on every call (planning alone was 0.1–0.24 ms a statement, about a third of the
 * database's time per item: pg_stat_statements during npm run bench:pipeline). The name follows from the text,
 * so one text is one statement on every connection. Texts beyond the first PREPARED_LIMIT go unnamed, so
 * statements built with a varying number of values cannot fill the server's memory.
 */
function prepared(query: string): { name?: string; text: string } {
  const known = preparedStatements.get(query);
  if (known) return known;
  let n = 0;
  const text = query.replace(/\?/g, () => `$${++n}`);
  if (preparedStatements.size >= PREPARED_LIMIT) return { text };
  const statement = { name: `c_${createHash('sha1').update(query).digest('hex')}`, text };
  preparedStatements.set(query, statement);
  return statement;
}

/** A boolean SQL expression and its bindings, for a statement that embeds it. */
export interface SqlCondition {
  text: string;
  params: unknown[];
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
