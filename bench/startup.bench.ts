/**
 * Seconds from spawning the built service (dist/src/main.js, ROLE=all: migrations, Redis, workers)
 * to its first /health 200, beside a baseline: a bare Node HTTP server spawned and polled the same way.
 * Usage: npm run -s build && npm run -s bench:startup [-- <runs>]   (DATABASE_URL selects the database)
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from '../test/support/processes';
import { createTestEnvironment } from '../test/support/test-config';

const RUNS = Number(process.argv[2] ?? 5);
const LIMIT_MS = 60_000;

async function timeToHealthy(script: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const service = spawnService({ ...env, PORT: String(port) }, script);
  try {
    while (performance.now() - started < LIMIT_MS) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${script} did not answer within ${LIMIT_MS} ms:\n${service.output()}`);
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const baseline = join(tmpdir(), `clearance-bench-baseline-${process.pid}.js`);
  writeFileSync(baseline, "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n");
  const scratch = await createTestEnvironment({ LOG_LEVEL: 'warn' });
  try {
    const bare: number[] = [];
    const service: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeToHealthy(baseline, scratch.env));
      // The first run migrates the fresh database; later runs find it migrated, as a restart would.
      service.push(await timeToHealthy(join(__dirname, '..', 'src', 'main.js'), scratch.env));
    }
    console.log(`startup to first /health 200, ${RUNS} runs, ${scratch.config.database.driver}`);
    console.log(`  baseline (bare node http server): median ${seconds(median(bare))} s, best ${seconds(Math.min(...bare))} s`);
    console.log(`  clearance (ROLE=all):             median ${seconds(median(service))} s, best ${seconds(Math.min(...service))} s, first (migrating) ${seconds(service[0])} s`);
    console.log(`  over baseline: ${seconds(median(service) - median(bare))} s (median)`);
  } finally {
    await scratch.cleanup();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
