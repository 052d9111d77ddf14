/**
 * Items/s from submission to awaiting_filler through the real service (HTTP → DB → Redis → worker → DB),
 * beside a baseline that scans the same texts directly with the scanner, in the same process.
 * Usage: npm run bench:pipeline [-- <items>]   (DATABASE_URL selects the database; a fresh one is used)
 */
import 'reflect-metadata';
import { Scanner } from '@clearance/scanner';
import { MikroORM } from '@mikro-orm/core';
import { createHttpApp } from '../src/app.factory';
import { runCli } from '../src/cli';
import { preflight } from '../src/preflight';
import { createTestEnvironment } from '../test/support/test-config';

const COUNT = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 16;

function bodyFor(i: number): string {
  return `各科室、各乡镇：现将2026年第${i}号政务公开工作要点印发给你们，请结合实际认真贯彻落实。联系人：王科长，办公电话0817-2222222，手机1381234${String(i % 10000).padStart(4, '0')}。`.repeat(20);
}

async function main(): Promise<void> {
  // The same scratch database and queue prefix the tests use, dropped at the end.
  const scratch = await createTestEnvironment({ LOG_LEVEL: 'warn' });
  const config = scratch.config;
  const out: string[] = [];
  const cli = (...argv: string[]) => runCli(argv, { out: (l) => out.push(l), err: (l) => console.error(l) }, config);
  await preflight(config);
  await cli('unit:add', 'u1', '基准测试单位');
  await cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  await cli('client:add', 'bench', '--unit', 'u1');
  const apiKey = out[out.length - 1];

  // Baseline: the scanner alone on the same texts, no HTTP, database or queue.
  const scanner = Scanner.create();
  scanner.scan({ title: 'warm-up', body: bodyFor(0) });
  let t0 = performance.now();
  for (let i = 0; i < COUNT; i++) scanner.scan({ title: `通知${i}`, body: bodyFor(i), format: 'text' });
  const scanOnlyMs = performance.now() - t0;

  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const ids: string[] = [];
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const response = await fetch(`${url}/api/v1/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify({ externalId: `bench-${i}`, unit: 'u1', title: `通知${i}`, body: bodyFor(i), format: 'text', channels: ['portal'] }),
        });
        if (response.status !== 202) throw new Error(`submit ${i}: ${response.status} ${await response.text()}`);
        ids.push(((await response.json()) as { id: string }).id);
      }
    }),
  );
  const submittedMs = performance.now() - t0;
  const em = app.get(MikroORM).em.fork();
  for (;;) {
    const rows = await em.getConnection().execute("select count(*) as n from items where state = 'awaiting_filler'");
    if (Number(rows[0].n) >= COUNT) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const totalMs = performance.now() - t0;
  await app.close();

  const rate = (ms: number) => ((COUNT / ms) * 1000).toFixed(0);
  console.log(`pipeline benchmark: ${COUNT} items of ${bodyFor(0).length} chars, ${config.database.driver}, ${CONCURRENCY} concurrent submitters, api + worker in one process`);
  console.log('measure                                         ms     items/s');
  console.log(`baseline: scanner alone, same texts        ${scanOnlyMs.toFixed(0).padStart(8)}  ${rate(scanOnlyMs).padStart(8)}`);
  console.log(`HTTP submit (202) of all items             ${submittedMs.toFixed(0).padStart(8)}  ${rate(submittedMs).padStart(8)}`);
  console.log(`submit → awaiting_filler, all items        ${totalMs.toFixed(0).padStart(8)}  ${rate(totalMs).padStart(8)}`);
  await scratch.cleanup();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
