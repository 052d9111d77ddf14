/**
 * Items/s and the p99 of a submission, from submission to awaiting_filler, through the real service (HTTP → DB →
 * Redis → worker → DB), beside a bare baseline in the same run and on the same database and Redis: node:http, the
 * plain driver (pg or better-sqlite3) and BullMQ doing the same work with nothing else (per item three inserts in
 * a transaction and an enqueue; the worker reads the revision, scans it with the same scanner, and writes the scan,
 * the state and an event in a transaction). Both run api and worker in this one process.
 * This machine's speed drifts by a quarter from minute to minute, so `--rounds N` runs the pair N times, one right
 * after the other, and reports each round's ratio and their median.
 * Usage: npm run bench:pipeline [-- <items> [--rounds N] [--crash]]   (DATABASE_URL selects the database, a fresh one is used; SCAN_CONCURRENCY the service's scans at once)
 */
import 'reflect-metadata';
import { Scanner } from '@clearance/scanner';
import { MikroORM } from '@mikro-orm/core';
import { Job, Queue, Worker } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createHttpApp } from '../src/app.factory';
import { runCli } from '../src/cli';
import { AppConfig, loadConfig } from '../src/config/env.schema';
import { preflight } from '../src/preflight';
import { redisOptions } from '../src/queue/redis-connection';
import { createTestEnvironment, deleteRedisKeys } from '../test/support/test-config';

const ARGS = process.argv.slice(2);
const ROUNDS = ARGS.includes('--rounds') ? Number(ARGS[ARGS.indexOf('--rounds') + 1]) : 1;
const COUNT = Number(ARGS.find((a, i) => /^\d+$/.test(a) && ARGS[i - 1] !== '--rounds') ?? 1000);
const CRASH = ARGS.includes('--crash');
const CONCURRENCY = 32;

function bodyFor(i: number): string {
  return `各科室、各乡镇：现将2026年第${i}号政务公开工作要点印发给你们，请结合实际认真贯彻落实。联系人：王科长，办公电话0817-2222222，手机1381234${String(i % 10000).padStart(4, '0')}。`.repeat(20);
}

interface Run {
  submitMs: number;
  totalMs: number;
  latencies: number[];
}

/**
 * COUNT submissions from CONCURRENCY clients, then waits until `done()` says every item reached awaiting_filler.
 * `midway`, if given, is run by the client that takes the middle item, while the others go on submitting.
 */
async function drive(url: string, headers: Record<string, string>, done: () => Promise<boolean>, midway?: () => Promise<void>, tag = 'bench'): Promise<Run> {
  const latencies: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        if (midway && i === Math.floor(COUNT / 2)) await midway();
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ externalId: `${tag}-${i}`, unit: 'u1', title: `通知${i}`, body: bodyFor(i), format: 'text', channels: ['portal'] }),
        });
        if (response.status !== 202) throw new Error(`submit ${i}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  const submitMs = performance.now() - t0;
  while (!(await done())) await new Promise((r) => setTimeout(r, 25));
  return { submitMs, totalMs: performance.now() - t0, latencies };
}

/** What the baseline needs from either driver. */
interface BareDb {
  /** Runs the statements in one transaction. */
  transaction(statements: Array<[string, unknown[]]>): Promise<void>;
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function postgres(url: string): BareDb {
  const pool = new Pool({ connectionString: url, max: 10 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async transaction(statements) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (const [sql, params] of statements) await client.query(numbered(sql), params);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async query<T>(sql: string, params: unknown[]) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    close: () => pool.end(),
  };
}

interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  pragma(source: string): unknown;
  prepare(source: string): SqliteStatement;
  exec(source: string): void;
  close(): void;
}

function sqlite(file: string): BareDb {
  // better-sqlite3 ships no types; the calls used here are typed above by hand.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const open = require('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new open(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return {
    async transaction(statements) {
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const [sql, params] of statements) db.prepare(sql).run(...params);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async query<T>(sql: string, params: unknown[]) {
      return db.prepare(sql).all(...params) as T[];
    },
    close: async () => db.close(),
  };
}

/** node:http + driver + BullMQ, the same work per item as the service without anything else. */
async function bare(config: AppConfig, scanner: Scanner): Promise<Run> {
  const db = config.database.driver === 'postgresql' ? postgres(config.database.url) : sqlite(config.database.sqlitePath!);
  for (const ddl of [
    // Dropped first: each round starts from empty tables.
    ...['bare_scans', 'bare_events', 'bare_revisions', 'bare_items'].map((table) => `drop table if exists ${table}`),
    'create table bare_items (id varchar(36) primary key, external_id varchar(200) unique not null, state varchar(32) not null, revision integer not null, changed_at varchar(32) not null)',
    'create table bare_revisions (id varchar(36) primary key, item_id varchar(36) not null references bare_items(id), number integer not null, title text not null, body text not null, content_hash varchar(64) not null)',
    'create table bare_events (id varchar(36) primary key, item_id varchar(36) not null, action varchar(64) not null, at varchar(32) not null)',
    'create table bare_scans (id varchar(36) primary key, revision_id varchar(36) not null unique references bare_revisions(id), verdict varchar(8) not null, hits text not null)',
  ]) {
    await db.transaction([[ddl, []]]);
  }
  const connection = { ...redisOptions(config.redis.url), maxRetriesPerRequest: null };
  const prefix = `${config.queue.prefix}-bare`;
  const queue = new Queue('scan', { connection, prefix });
  const worker = new Worker(
    'scan',
    async (job: Job<{ itemId: string }>) => {
      const [revision] = await db.query<{ id: string; title: string; body: string }>('select id, title, body from bare_revisions where item_id = ? and number = 1', [job.data.itemId]);
      const result = scanner.scan({ title: revision.title, body: revision.body, format: 'text' });
      const at = new Date().toISOString();
      await db.transaction([
        ['insert into bare_scans (id, revision_id, verdict, hits) values (?, ?, ?, ?)', [randomUUID(), revision.id, result.verdict, JSON.stringify(result.hits)]],
        ["update bare_items set state = 'awaiting_filler', changed_at = ? where id = ?", [at, job.data.itemId]],
        ["insert into bare_events (id, item_id, action, at) values (?, ?, 'item.state', ?)", [randomUUID(), job.data.itemId, at]],
      ]);
    },
    { connection, prefix, concurrency: 4 },
  );
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const dto = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { externalId: string; title: string; body: string };
      const itemId = randomUUID();
      const at = new Date().toISOString();
      const hash = createHash('sha256').update(dto.title).update('\n').update(dto.body).digest('hex');
      db.transaction([
        ["insert into bare_items (id, external_id, state, revision, changed_at) values (?, ?, 'submitted', 1, ?)", [itemId, dto.externalId, at]],
        ['insert into bare_revisions (id, item_id, number, title, body, content_hash) values (?, ?, 1, ?, ?, ?)', [randomUUID(), itemId, dto.title, dto.body, hash]],
        ["insert into bare_events (id, item_id, action, at) values (?, ?, 'item.submitted', ?)", [randomUUID(), itemId, at]],
      ])
        .then(() => queue.add('scan-revision', { itemId }, { jobId: `scan-${itemId}-r1`, removeOnComplete: true }))
        .then(
          () => res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: itemId })),
          (error: Error) => res.writeHead(500).end(error.message),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;
  const run = await drive(url, {}, async () => {
    const [row] = await db.query<{ n: number | string }>("select count(*) as n from bare_items where state = 'awaiting_filler'", []);
    return Number(row.n) >= COUNT;
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await db.close();
  return run;
}

async function service(config: AppConfig, apiKey: string, tag: string): Promise<Run> {
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const em = app.get(MikroORM).em.fork();
  const run = await drive(`${await app.getUrl()}/api/v1/items`, { 'x-api-key': apiKey }, async () => {
    const rows = await em.getConnection().execute(`select count(*) as n from items where state = 'awaiting_filler' and external_id like '${tag}-%'`);
    return Number(rows[0].n) >= COUNT;
  }, undefined, tag);
  await app.close();
  return run;
}

interface CrashRun extends Run {
  killedAtMs: number;
  items: number;
  revisions: number;
  scans: number;
  scannedRevisions: number;
}

/** The worker as its own process (the built service, dist/src/main.js), as `npm run start:worker` runs it. */
function startWorker(env: Record<string, string>): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], { env: { PATH: process.env.PATH ?? '', ...env, ROLE: 'worker' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

const CRASH_ITEMS = "i.external_id like 'crash-%'";

async function crashed(env: Record<string, string>, apiKey: string): Promise<CrashRun> {
  const workerEnv = { ...env, RECONCILE_INTERVAL_MS: '1000' };
  const config = loadConfig({ ...workerEnv, ROLE: 'api' });
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const em = app.get(MikroORM).em.fork();
  const connection = em.getConnection();
  let worker = startWorker(workerEnv);
  let killedAtMs = 0;
  const t0 = performance.now();
  const run = await drive(
    `${await app.getUrl()}/api/v1/items`,
    { 'x-api-key': apiKey },
    async () => Number((await connection.execute("select count(*) as n from items where state = 'awaiting_filler' and external_id like 'crash-%'"))[0].n) >= COUNT,
    async () => {
      killedAtMs = performance.now() - t0;
      worker.child.kill('SIGKILL');
      await worker.exited;
      await deleteRedisKeys(config.redis.url, `${config.queue.prefix}:*`);
      worker = startWorker(workerEnv);
    },
    'crash',
  );
  worker.child.kill('SIGTERM');
  await worker.exited;
  const count = async (sql: string) => Number((await connection.execute(sql))[0].n);
  const result: CrashRun = {
    ...run,
    killedAtMs,
    items: await count(`select count(*) as n from items i where ${CRASH_ITEMS}`),
    revisions: await count(`select count(*) as n from revisions r join items i on i.id = r.item_id where ${CRASH_ITEMS}`),
    scans: await count(`select count(*) as n from scans s join revisions r on r.id = s.revision_id join items i on i.id = r.item_id where ${CRASH_ITEMS}`),
    scannedRevisions: await count(`select count(distinct s.revision_id) as n from scans s join revisions r on r.id = s.revision_id join items i on i.id = r.item_id where ${CRASH_ITEMS}`),
  };
  await app.close();
  return result;
}

async function main(): Promise<void> {
  // The same scratch database and queue prefix the tests use, dropped at the end.
  // SCAN_CONCURRENCY, if set, applies to the service's scan worker (the baseline's runs 4 at once either way).
  const scratch = await createTestEnvironment({ LOG_LEVEL: 'warn', ...(process.env.SCAN_CONCURRENCY ? { SCAN_CONCURRENCY: process.env.SCAN_CONCURRENCY } : {}) });
  const config = scratch.config;
  const out: string[] = [];
  const cli = (...argv: string[]) => runCli(argv, { out: (l) => out.push(l), err: (l) => console.error(l) }, config);
  await preflight(config);
  await cli('unit:add', 'u1', '基准测试单位');
  await cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  await cli('client:add', 'bench', '--unit', 'u1');
  const apiKey = out[out.length - 1];

  const scanner = Scanner.create();
  scanner.scan({ title: 'warm-up', body: bodyFor(0) });
  const rate = (ms: number) => ((COUNT / ms) * 1000).toFixed(0);
  const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)].toFixed(0);
  const row = (label: string, r: Run) =>
    `${label.padEnd(48)} ${rate(r.submitMs).padStart(9)} ${p99(r.latencies).padStart(9)} ${rate(r.totalMs).padStart(12)}`;
  console.log(`pipeline benchmark: ${COUNT} items of ${bodyFor(0).length} chars, ${config.database.driver}, ${CONCURRENCY} concurrent submitters, api + worker in one process, ${config.scan.concurrency} scans at once`);
  console.log(`${'measure'.padEnd(48)} ${'submit/s'.padStart(9)} ${'p99 ms'.padStart(9)} ${'scanned/s'.padStart(12)}`);
  const ratios: Array<{ submit: number; total: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const baseline = await bare(config, scanner);
    // Each round's items are its own; the database keeps the earlier rounds' (the service's tables only grow).
    const clearance = await service(config, apiKey, `bench-r${round}`);
    const label = ROUNDS > 1 ? ` (round ${round})` : '';
    console.log(row(`baseline: node:http + driver + BullMQ${label}`, baseline));
    console.log(row(`Clearance${label}`, clearance));
    ratios.push({ submit: baseline.submitMs / clearance.submitMs, total: baseline.totalMs / clearance.totalMs });
    console.log(`Clearance / baseline${label}: submit ${ratios[round - 1].submit.toFixed(2)}, submit → awaiting_filler ${ratios[round - 1].total.toFixed(2)}`);
  }
  if (ROUNDS > 1) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    console.log(`median of ${ROUNDS} rounds, Clearance / baseline: submit ${median(ratios.map((r) => r.submit)).toFixed(2)}, submit → awaiting_filler ${median(ratios.map((r) => r.total)).toFixed(2)}`);
  }
  if (CRASH) {
    const c = await crashed(scratch.env, apiKey);
    console.log(row('Clearance, split, worker SIGKILLed + Redis keys deleted at half', c));
    console.log(
      `  killed at ${(c.killedAtMs / 1000).toFixed(1)} s; items ${c.items}, revisions ${c.revisions}, scans ${c.scans} of ${c.scannedRevisions} revisions: ` +
        `${COUNT - c.items} lost, ${c.scans - c.scannedRevisions} scanned twice`,
    );
  }
  await scratch.cleanup();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
