import { ChildProcess, spawn } from 'node:child_process';
import { freePort, ROOT, spawnService } from '../support/processes';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';
import { waitFor } from '../support/test-app';

describe('starting the service (dist/src/main.js)', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env?.cleanup());

  // How fast it starts is measured by bench/startup.bench.ts (about 1-2 s here); this only checks that it does.
  it('serves /health 200 once started, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const service = spawnService({ ...env.env, PORT: String(port) });
    try {
      const health = await waitFor(
        () => fetch(`http://127.0.0.1:${port}/health`).then(async (r) => (r.status === 200 ? ((await r.json()) as unknown) : undefined), () => undefined),
        60_000,
        '/health to answer 200',
      );
      expect(health).toMatchObject({ db: 'up', redis: 'up' });
      service.child.kill('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
    } finally {
      service.child.kill('SIGKILL');
    }
  });

  it('starts four processes at once on a new database: one migrates, the others wait for it, and all serve', async () => {
    const fresh = await createTestEnvironment();
    const roles = ['api', 'api', 'api', 'worker'];
    const ports = await Promise.all(roles.map(() => freePort()));
    // On SQLite another process holds the new file's write lock past busy_timeout (5 s) first, as a long write would.
    const holder = fresh.config.database.driver === 'sqlite' ? await holdSqliteWriteLock(fresh.config.database.sqlitePath!, 7000) : undefined;
    const services = ports.map((port, i) => spawnService({ ...fresh.env, LOG_LEVEL: 'info', ROLE: roles[i], PORT: String(port) }));
    try {
      for (const [i, port] of ports.entries()) {
        if (roles[i] !== 'api') continue;
        const serving = () => fetch(`http://127.0.0.1:${port}/health`).then((r) => (r.status === 200 ? true : undefined), () => undefined);
        await waitFor(serving, 60_000, `process ${i} to serve`).catch((error: Error) => {
          throw new Error(`${error.message}; it said: ${services[i].output()}`);
        });
      }
      // The worker serves no HTTP; it is up when it has said so, and it must not have exited on a lost migration race.
      await waitFor(async () => (/worker started/.test(services[3].output()) ? true : undefined), 60_000, 'the worker to start');
      for (const service of services) expect(service.child.exitCode).toBeNull();
      expect(services.map((s) => s.output()).join('\n')).not.toMatch(/failed to start|database is locked/);
    } finally {
      for (const service of services) service.child.kill('SIGKILL');
      holder?.kill('SIGKILL');
      await Promise.all(services.map((s) => s.exited));
      await fresh.cleanup();
    }
  }, 90_000);

  it('exits on invalid configuration, naming every bad variable', async () => {
    const service = spawnService({ ...env.env, PORT: 'abc', DATABASE_URL: 'mysql://x' });
    const { code } = await service.exited;
    expect(code).toBe(78);
    expect(service.output()).toMatch(/PORT must be an integer/);
    expect(service.output()).toMatch(/DATABASE_URL must be sqlite:<path> or postgres:/);
  });

  it('exits with one clear line when Redis cannot be reached', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const service = spawnService({ ...env.env, REDIS_URL: url });
    const { code } = await service.exited;
    expect(code).toBe(69);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(url);
    expect(lines[0]).toMatch(/redis-server/);
  });

  it('exits with one clear line when PostgreSQL cannot be reached', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const service = spawnService({ ...env.env, DATABASE_URL: url });
    const { code } = await service.exited;
    expect(code).toBe(69);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`127.0.0.1:${new URL(url).port}`);
    expect(lines[0]).toMatch(/pg_ctlcluster/);
  });
});

/** A process that opens the SQLite file, takes its write lock and keeps it for `ms`; resolves once it holds it. */
function holdSqliteWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const source = `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.pragma('journal_mode = WAL'); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => db.exec('COMMIT'), ${ms});`;
  const child = spawn(process.execPath, ['-e', source], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
}
