import { BetterSqlitePlatform } from '@mikro-orm/better-sqlite';
import { EntityManager } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '@clearance/workflow';
import { Item } from '../items/entities/item.entity';
import { isLostRace } from './lost-race';
import { isPostgres, rawTransaction, sql } from './raw-sql';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-timeouts';

/** The work of one transaction, and what to do once it has committed (enqueue jobs, wake workers). */
export interface Tx {
  em: EntityManager;
  afterCommit(task: () => Promise<unknown> | unknown): void;
}

export interface TransactionOptions {
  /** Runs of the work at most, the first included. */
  attempts?: number;
  /** Errors besides lost races worth another run, e.g. a unique key another transaction took first. */
  retryOn?: (error: unknown) => boolean;
}

/** A transaction that lost its race every time: the caller may try again shortly (HTTP 503 with Retry-After). */
export class DatabaseBusyError extends DomainError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('unavailable', 'the database is busy with concurrent changes; retry shortly');
  }
}

const logger = new Logger('transaction');
const DEFAULT_ATTEMPTS = 5;

/**
 * SQLite: knex opens a deferred transaction, which takes the write lock at its first write; if another process
 * committed after the transaction's first read, that upgrade fails at once (SQLITE_BUSY_SNAPSHOT) and busy_timeout
 * never applies. A write that changes nothing, run first, takes the lock up front as BEGIN IMMEDIATE would, waiting
 * up to busy_timeout; a timeout there is an ordinary statement error that knex rolls back and this helper retries.
 * (Rewriting knex's BEGIN instead does not work: knex swallows an error of BEGIN and hands out a dead transaction.)
 *
 * better-sqlite3 waits out busy_timeout synchronously, so a long one would stop the whole process (every request,
 * every worker) while another process writes. The lock is therefore tried with a short busy_timeout and waited for
 * between tries with timers, up to SQLITE_WRITE_LOCK_WAIT_MS; those tries are not counted as lost races.
 */
const TAKE_SQLITE_WRITE_LOCK = 'update mikro_orm_migrations set id = id where 0';
const SQLITE_LOCK_TRY_MS = 20;
const SQLITE_WRITE_LOCK_WAIT_MS = 15_000;

/** The SQLite write lock was not free within one short try; the transaction has been rolled back. */
class WriteLockBusy extends Error {
  constructor(cause: unknown) {
    super('the SQLite write lock is held by another process', { cause });
  }
}

/**
 * Runs `work` in a transaction on a fresh fork, then the after-commit tasks. A run that loses a race is rolled
 * back and run again on a new fork, a bounded number of times with jittered backoff, so `work` must read what it
 * decides on inside the transaction. The after-commit tasks of the run that committed run once; a task that
 * fails is logged and left to the reconciler: the database already holds the truth.
 *
 * Lock order, the same in every write transaction so that concurrent ones queue instead of deadlocking:
 *  1. the item row, alone (`lockItem`: SELECT … FOR UPDATE of `items` with no join, since a joined lock would
 *     lock the unit row too, which every insert of the unit's items needs for its foreign-key check);
 *  2. the audit chain (AuditService.append, after the item);
 *  3. everything else: the item's revisions, decisions, scans, deliveries and attempts, written at flush.
 * A change that concerns no item (a channel, the lexicon) takes its own row first, then the audit chain.
 * On SQLite the whole database is the lock, taken up front (TAKE_SQLITE_WRITE_LOCK), so the order holds trivially.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  return retried(
    (afterCommit) =>
      em.fork().transactional(async (txEm) => {
        if (txEm.getPlatform() instanceof BetterSqlitePlatform) await takeSqliteWriteLock(txEm);
        return work({ em: txEm, afterCommit });
      }),
    options,
  );
}

/**
 * Like inTransaction, for work that writes with `sql()` alone and never through the entity manager: on
 * PostgreSQL BEGIN and COMMIT on one connection of the pool (rawTransaction), without MikroORM's fork, unit of
 * work and knex's transaction object, which cost as much CPU as the scan's own statements (bench:pipeline).
 * `tx.em` serves `sql()`, `isPostgres` and the like; an entity read or write through it would run outside the
 * transaction. SQLite runs the work through inTransaction.
 */
export async function inPlainTransaction<T>(em: EntityManager, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (!isPostgres(em)) return inTransaction(em, work, options);
  return retried((afterCommit) => rawTransaction(em, (txEm) => work({ em: txEm, afterCommit })), options);
}

/** Runs a transaction again after a lost race, a bounded number of times, then its after-commit tasks (see inTransaction). */
async function retried<T>(run: (afterCommit: Tx['afterCommit']) => Promise<T>, options: TransactionOptions): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  let lockWaitUntil: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const tasks: Array<() => Promise<unknown> | unknown> = [];
    let result: T;
    try {
      result = await run((task) => tasks.push(task));
    } catch (error) {
      if (error instanceof WriteLockBusy) {
        lockWaitUntil ??= Date.now() + SQLITE_WRITE_LOCK_WAIT_MS;
        if (Date.now() >= lockWaitUntil) {
          logger.warn(`transaction gave up after waiting ${SQLITE_WRITE_LOCK_WAIT_MS} ms for the SQLite write lock`);
          throw new DatabaseBusyError();
        }
        attempt--;
        await sleep(5 + Math.random() * 20);
        continue;
      }
      const lost = isLostRace(error);
      if (!lost && !options.retryOn?.(error)) throw error;
      if (attempt >= attempts) {
        logger.warn(`transaction gave up after ${attempt} attempts: ${(error as Error).message}`);
        throw lost ? new DatabaseBusyError() : error;
      }
      await backoff(attempt);
      continue;
    }
    for (const task of tasks) {
      try {
        await task();
      } catch (error) {
        logger.warn(`after-commit task failed (the reconciler will retry): ${(error as Error).message}`);
      }
    }
    return result;
  }
}

/**
 * One statement that is atomic by itself (PostgreSQL, outside any transaction), run again after a lost race as
 * inTransaction runs its work again, without the round trips of BEGIN and COMMIT.
 */
export async function retryingStatement<T>(run: () => Promise<T>, attempts = DEFAULT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (attempt >= attempts) {
        logger.warn(`statement gave up after ${attempt} attempts: ${(error as Error).message}`);
        throw new DatabaseBusyError();
      }
      await backoff(attempt);
    }
  }
}

/**
 * The first lock of a transaction about an item: its row alone, read fresh (SELECT … FOR UPDATE on PostgreSQL;
 * SQLite's write lock is the transaction's already). Load its relations afterwards, unlocked. A plain statement
 * mapped onto the entity: every write path about an item starts here, and a query through the ORM cost twice as much.
 */
export async function lockItem(em: EntityManager, itemId: string): Promise<Item | null> {
  const [row] = await sql<Record<string, unknown>>(em, `select * from items where id = ?${isPostgres(em) ? ' for update' : ''}`, [itemId]);
  return row ? em.map(Item, row) : null;
}

/** Takes the write lock with a short synchronous wait; the connection's own busy_timeout is put back either way. */
async function takeSqliteWriteLock(txEm: EntityManager): Promise<void> {
  const connection = txEm.getConnection();
  const context = txEm.getTransactionContext();
  await connection.execute(`pragma busy_timeout = ${SQLITE_LOCK_TRY_MS}`, [], 'run', context);
  try {
    await connection.execute(TAKE_SQLITE_WRITE_LOCK, [], 'run', context);
  } catch (error) {
    throw isLostRace(error) ? new WriteLockBusy(error) : error;
  } finally {
    await connection.execute(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, [], 'run', context);
  }
}

/** 10–20 ms, then 20–40 ms, … up to 320–640 ms: the winner's transaction is usually done within the first. */
function backoff(attempt: number): Promise<void> {
  const base = 10 * 2 ** Math.min(attempt - 1, 5);
  return sleep(base + Math.random() * base);
}
