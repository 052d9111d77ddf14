import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { TestApp } from './test-app';

export type Recording = <T>(work: () => Promise<T>) => Promise<{ result: T; sql: string[] }>;

/** Every statement the app's connection sends (BEGIN and COMMIT included) while `work` runs, as knex sends them. */
export function statementRecorder(t: TestApp): Recording {
  let statements: string[] | undefined;
  const connection = t.app.get(MikroORM).em.getConnection() as AbstractSqlConnection;
  connection.getKnex().on('query', (query: { sql: string }) => statements?.push(query.sql));
  return async (work) => {
    const sql: string[] = [];
    statements = sql;
    try {
      return { result: await work(), sql };
    } finally {
      statements = undefined;
    }
  };
}
