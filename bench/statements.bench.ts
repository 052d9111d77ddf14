/**
 * What one plain statement costs the service's process, beside node-pg alone in the same run: an insert carrying a
 * submission-sized text and a `select 1`, 32 at once, through MikroORM's execute (which writes every value into the
 * statement's text), through `sql()` (src/database/raw-sql.ts: knex with bind parameters on PostgreSQL) and through
 * a bare pg pool. CPU per statement is the process's (user + system) over the run.
 * Usage: npm run bench:statements [-- <statements>]   (DATABASE_URL=postgres://… ; a fresh database is used)
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { Pool } from 'pg';
import { ormOptions } from '../src/database/orm-options';
import { sql } from '../src/database/raw-sql';
import { createTestEnvironment } from '../test/support/test-config';

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3000);
const CONCURRENCY = 32;
const BODY = '各科室、各乡镇：现将2026年第1号政务公开工作要点印发给你们，请结合实际认真贯彻落实。'.repeat(40);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(label: string, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const cpu0 = cpuMs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) await one(next++);
    }),
  );
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(48)} ${((COUNT / ms) * 1000).toFixed(0).padStart(9)} ${(((cpuMs() - cpu0) / COUNT) * 1000).toFixed(0).padStart(12)}`);
}

async function main(): Promise<void> {
  const scratch = await createTestEnvironment({ LOG_LEVEL: 'warn' });
  const config = scratch.config;
  if (config.database.driver !== 'postgresql') throw new Error('bench:statements compares PostgreSQL clients: set DATABASE_URL=postgres://…');
  const orm = await MikroORM.init(ormOptions(config));
  const em = orm.em.fork();
  const connection = em.getConnection();
  await connection.execute('create table bench_statements (id varchar(40) primary key, body text not null, n integer not null)');
  const pool = new Pool({ connectionString: config.database.url, max: 10 });
  console.log(`statement benchmark: ${COUNT} statements per row, ${CONCURRENCY} at once, a ${BODY.length}-character text in each insert; second round shown (the first warms up)`);
  console.log(`${'measure'.padEnd(48)} ${'per s'.padStart(9)} ${'µs CPU each'.padStart(12)}`);
  for (const round of [1, 2]) {
    const show = round === 2 ? measure : (_label: string, one: (i: number) => Promise<unknown>) => measure('(warm-up)', one);
    await show('baseline: node-pg pool.query insert, $n params', (i) => pool.query('insert into bench_statements (id, body, n) values ($1, $2, $3)', [`p${round}-${i}`, BODY, i]));
    await show('sql(): knex raw insert, bind parameters', (i) => sql(em, 'insert into bench_statements (id, body, n) values (?, ?, ?)', [`s${round}-${i}`, BODY, i]));
    await show('MikroORM execute insert, values in the text', (i) => connection.execute('insert into bench_statements (id, body, n) values (?, ?, ?)', [`m${round}-${i}`, BODY, i]));
    await show('baseline: node-pg select 1', () => pool.query('select 1'));
    await show('sql(): select 1', () => sql(em, 'select 1'));
    await show('MikroORM execute select 1', () => connection.execute('select 1'));
  }
  await pool.end();
  await orm.close();
  await scratch.cleanup();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
