import { DeadlockException, EntityManager } from '@mikro-orm/core';
import { ArgumentsHost } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { DatabaseBusyError, inTransaction, lockItem } from '../../src/database/transaction';
import { DomainExceptionFilter } from '../../src/http/domain-exception.filter';
import { Item } from '../../src/items/entities/item.entity';
import { ROOT } from '../support/processes';
import type { TestApp } from '../support/test-app';
import { startWithItems } from './items-to-lock';

/** The one transaction helper against real lost races: a PostgreSQL deadlock, a SQLite writer holding the file. */
describe('inTransaction', () => {
  let t: TestApp;
  let em: EntityManager;
  let ids: string[];

  beforeAll(async () => ({ t, em, ids } = await startWithItems(['a', 'b'])));
  afterAll(() => t?.close());

  const sqlite = () => t.config.database.driver === 'sqlite';

  it('runs the work again after a lost race, and the after-commit tasks of the run that committed only, once', async () => {
    const runs: string[] = [];
    const committed: string[] = [];
    if (sqlite()) {
      // Another process's writer holds the file for 6 s, past the connection's busy_timeout (5 s): the helper keeps
      // trying for the write lock before the work starts, and the work runs once, when the writer has committed.
      const holder = sqliteProcess(t.config.database.sqlitePath!, "db.exec('BEGIN IMMEDIATE'); say('locked'); setTimeout(() => db.exec('COMMIT'), 6000);");
      await holder.said('locked');
      const started = Date.now();
      // better-sqlite3 waits out a busy file synchronously: the process must stay free to serve meanwhile.
      let longestPause = 0;
      let tick = Date.now();
      const ticker = setInterval(() => {
        longestPause = Math.max(longestPause, Date.now() - tick);
        tick = Date.now();
      }, 10);
      const done = await inTransaction(em, async (tx) => {
        runs.push('writer');
        await lockItem(tx.em, ids[0]);
        tx.afterCommit(() => committed.push('writer'));
        return 'done';
      }).finally(() => clearInterval(ticker));
      expect(Date.now() - started).toBeGreaterThan(5_000);
      // Frozen, the loop would stop for the whole 5 s busy_timeout at least (5,017 ms before the fix); a loaded CI
      // machine stretches a 10 ms tick by hundreds of milliseconds, which says nothing about the lock wait.
      expect(longestPause).toBeLessThan(2_500);
      await holder.exited;
      expect(done).toBe('done');
    } else {
      // Two transactions lock the same two items in opposite orders: PostgreSQL kills one as the deadlock victim.
      let arrived = 0;
      let bothLocked!: () => void;
      const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
      const crossing = (name: string, first: string, second: string) =>
        inTransaction(em, async (tx) => {
          runs.push(name);
          await lockItem(tx.em, first);
          if (++arrived === 2) bothLocked();
          await barrier;
          await lockItem(tx.em, second);
          tx.afterCommit(() => committed.push(name));
        });
      await Promise.all([crossing('ab', ids[0], ids[1]), crossing('ba', ids[1], ids[0])]);
    }
    expect(runs.length).toBe(sqlite() ? 1 : 3);
    expect(committed.sort()).toEqual(sqlite() ? ['writer'] : ['ab', 'ba']);
  }, 30_000);

  it('gives up after five runs with an error the HTTP filter answers 503 with Retry-After, having run no after-commit task', async () => {
    let runs = 0;
    const committed: number[] = [];
    const losing = inTransaction(em, async (tx) => {
      runs++;
      tx.afterCommit(() => committed.push(runs));
      await tx.em.findOneOrFail(Item, { id: ids[0] });
      throw new DeadlockException(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
    });
    const error = await losing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(runs).toBe(5);
    expect(committed).toEqual([]);

    const answer: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const response = {
      setHeader: (name: string, value: string) => (answer.headers[name] = value),
      status: (code: number) => ((answer.status = code), response),
      json: (body: unknown) => (answer.body = body),
    };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST', path: '/api/v1/items' }) }) } as unknown as ArgumentsHost;
    new DomainExceptionFilter().catch(error, host);
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { statusCode: 503, error: 'Service Unavailable' } });
  });

  it('locks the item first and alone: the unit stays free for its other items, and on SQLite the write lock is taken before the work begins', async () => {
    await inTransaction(em, async (tx) => {
      await lockItem(tx.em, ids[0]);
      if (sqlite()) {
        // The work has only read so far, yet another process cannot start writing without waiting.
        const other = sqliteProcess(t.config.database.sqlitePath!, "try { db.exec('BEGIN IMMEDIATE'); say('began'); } catch (e) { say(e.code); }", 0);
        expect(await other.said(/\w+/)).toBe('SQLITE_BUSY');
      } else {
        // Inserting a row that references the unit needs its key share lock: a joined FOR UPDATE would hold it here.
        const other = new Client({ connectionString: t.config.database.url });
        await other.connect();
        await other.query("begin; set local lock_timeout = '2s'");
        const [unit] = (await other.query('select unit_id, client_id from items where id = $1', [ids[0]])).rows as Array<{ unit_id: string; client_id: string }>;
        await other.query(
          "insert into items (id, client_id, external_id, unit_id, channels, state, revision, version, created_at, state_changed_at) values (gen_random_uuid(), $1, 'beside', $2, '[]', 'submitted', 1, 1, now(), now())",
          [unit.client_id, unit.unit_id],
        );
        await other.query('rollback');
        await other.end();
      }
    });
  });
});

/** A second process on the SQLite file (better-sqlite3 as `db`, with the given busy timeout), saying lines back through `say`. */
function sqliteProcess(file: string, script: string, timeoutMs = 5000) {
  const source = `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}, { timeout: ${timeoutMs} }); const say = (l) => process.stdout.write(l + '\\n'); ${script}`;
  const child = spawn(process.execPath, ['-e', source], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const lines: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of lines.splice(0)) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    exited,
    async said(expected: string | RegExp): Promise<string> {
      for (;;) {
        const line = output.split('\n').find((l) => (typeof expected === 'string' ? l === expected : expected.test(l)));
        if (line !== undefined) return line;
        await Promise.race([new Promise<void>((resolve) => lines.push(resolve)), exited]);
        if (child.exitCode !== null && !output.split('\n').some((l) => (typeof expected === 'string' ? l === expected : expected.test(l)))) {
          throw new Error(`the SQLite process exited without saying ${String(expected)}: ${output}`);
        }
      }
    },
  };
}
