import { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { Client } from 'pg';
import { sql } from '../../src/database/raw-sql';
import { inPlainTransaction } from '../../src/database/transaction';
import type { TestApp } from '../support/test-app';
import { startWithItems } from './items-to-lock';

/** Work written with sql() alone, in a transaction of its own connection on PostgreSQL (inTransaction's on SQLite). */
describe('inPlainTransaction', () => {
  let t: TestApp;
  let em: EntityManager;
  let ids: string[];

  beforeAll(async () => ({ t, em, ids } = await startWithItems(['a', 'b'])));
  afterAll(() => t?.close());

  const postgres = () => t.config.database.driver === 'postgresql';
  const version = async (id: string) => Number((await sql<{ version: number }>(em.fork(), 'select version from items where id = ?', [id]))[0].version);
  const lent = () => ((em.getConnection() as AbstractSqlConnection).getKnex().client as unknown as { pool: { numUsed(): number } }).pool.numUsed();

  it('commits every statement of the work together, and none of them is seen before the commit', async () => {
    const before = await version(ids[0]);
    const outsider = postgres() ? new Client({ connectionString: t.config.database.url }) : undefined;
    await outsider?.connect();
    const committed: string[] = [];
    const result = await inPlainTransaction(em, async (tx) => {
      await sql(tx.em, 'update items set version = version + 1 where id = ?', [ids[0]]);
      await sql(tx.em, 'update items set version = version + 1 where id = ?', [ids[0]]);
      // Within the transaction its own writes are seen; from another connection, not yet.
      expect(Number((await sql<{ version: number }>(tx.em, 'select version from items where id = ?', [ids[0]]))[0].version)).toBe(before + 2);
      if (outsider) expect(Number((await outsider.query('select version from items where id = $1', [ids[0]])).rows[0].version)).toBe(before);
      tx.afterCommit(() => committed.push('done'));
      return 'written';
    });
    await outsider?.end();
    expect(result).toBe('written');
    expect(committed).toEqual(['done']);
    expect(await version(ids[0])).toBe(before + 2);
    if (postgres()) expect(lent()).toBe(0);
  });

  it('rolls everything back when the work throws, runs no after-commit task and gives the connection back', async () => {
    const before = await version(ids[1]);
    const committed: string[] = [];
    const failure = await inPlainTransaction(em, async (tx) => {
      await sql(tx.em, 'update items set version = version + 1 where id = ?', [ids[1]]);
      tx.afterCommit(() => committed.push('never'));
      throw new Error('the work failed');
    }).catch((error: Error) => error);
    expect(failure).toEqual(new Error('the work failed'));
    expect(committed).toEqual([]);
    expect(await version(ids[1])).toBe(before);
    if (postgres()) expect(lent()).toBe(0);
    // A unique key refused inside the work comes out as sql() gives it outside one (on PostgreSQL converted, a 409 further up).
    const copy = 'insert into units (id, code, name, created_at) select id, code, name, created_at from units limit 1';
    const inside = await inPlainTransaction(em, (tx) => sql(tx.em, copy)).catch((error: Error) => error);
    const outside = await sql(em.fork(), copy).catch((error: Error) => error);
    expect([(inside as Error).name, (inside as Error).constructor]).toEqual([(outside as Error).name, (outside as Error).constructor]);
    if (postgres()) expect((inside as Error).name).toBe('UniqueConstraintViolationException');
  });

  it('goes on after a schema change alters what a prepared statement returns, alone and in a transaction', async () => {
    // As when another process runs a migration: PostgreSQL refuses a statement prepared before it (0A000).
    for (const table of ['plan_alone', 'plan_in_tx']) await sql(em.fork(), `create table ${table} (id integer primary key)`).then(() => sql(em.fork(), `insert into ${table} (id) values (1)`));
    const select = (table: string) => `select *, ${postgres() ? 'pg_sleep(0.05)' : '0'} as slept from ${table} where id = ?`;
    // Ten at once, each held a moment: every connection of the pool (10) prepares the statements.
    await Promise.all(Array.from({ length: 10 }, () => Promise.all([sql(em.fork(), select('plan_alone'), [1]), sql(em.fork(), select('plan_in_tx'), [1])])));
    for (const table of ['plan_alone', 'plan_in_tx']) await sql(em.fork(), `alter table ${table} add column note varchar(20) default 'added'`);

    const [alone] = await sql<{ id: number; note: string }>(em.fork(), select('plan_alone'), [1]);
    expect(alone).toMatchObject({ id: 1, note: 'added' });
    let runs = 0;
    const inTx = await inPlainTransaction(em, async (tx) => {
      runs++;
      return (await sql<{ note: string }>(tx.em, select('plan_in_tx'), [1]))[0];
    });
    expect(inTx).toMatchObject({ note: 'added' });
    // On PostgreSQL the first run met the stale plan and the transaction ran again; SQLite prepares nothing.
    expect(runs).toBe(postgres() ? 2 : 1);
  });

  it('runs the work again after a deadlock on PostgreSQL, and the after-commit tasks of the runs that committed, once each', async () => {
    if (!postgres()) {
      // On SQLite the work runs in inTransaction, whose write lock is taken up front: two such works queue and both commit.
      const both = await Promise.all(['ab', 'ba'].map((name) => inPlainTransaction(em, async (tx) => (await sql(tx.em, 'update items set version = version where id = ?', [ids[0]]), name))));
      expect(both).toEqual(['ab', 'ba']);
      return;
    }
    const runs: string[] = [];
    const committed: string[] = [];
    let arrived = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const crossing = (name: string, first: string, second: string) =>
      inPlainTransaction(em, async (tx) => {
        runs.push(name);
        await sql(tx.em, 'select id from items where id = ? for update', [first]);
        if (++arrived === 2) bothLocked();
        await barrier;
        await sql(tx.em, 'select id from items where id = ? for update', [second]);
        tx.afterCommit(() => committed.push(name));
      });
    await Promise.all([crossing('ab', ids[0], ids[1]), crossing('ba', ids[1], ids[0])]);
    expect(runs).toHaveLength(3);
    expect(committed.sort()).toEqual(['ab', 'ba']);
    expect(lent()).toBe(0);
  }, 30_000);
});
