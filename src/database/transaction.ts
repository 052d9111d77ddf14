import { EntityManager } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';

/** The work of one transaction, and what to do once it has committed (enqueue jobs, wake workers). */
export interface Tx {
  em: EntityManager;
  afterCommit(task: () => Promise<unknown> | unknown): void;
}

const logger = new Logger('transaction');

/**
 * Runs `work` in a transaction on a fresh fork, then the after-commit tasks. A task that fails is
 * logged and left to the reconciler: the database already holds the truth.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tasks: Array<() => Promise<unknown> | unknown> = [];
  const result = await em.fork().transactional((txEm) => work({ em: txEm, afterCommit: (task) => tasks.push(task) }));
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      logger.warn(`after-commit task failed (the reconciler will retry): ${(error as Error).message}`);
    }
  }
  return result;
}

/** Retries work that lost a race (unique key or version check) a few times before giving up. */
export async function withRetry<T>(attempts: number, isRetryable: (error: unknown) => boolean, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}
