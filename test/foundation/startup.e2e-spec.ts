import { freePort, spawnService } from '../support/processes';
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
