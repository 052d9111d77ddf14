import { itemBody, seedUnit, Seeded } from '../support/fixtures';
import { spawnService, Spawned } from '../support/processes';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { createTestEnvironment, deleteRedisKeys, TestEnvironment } from '../support/test-config';

/**
 * The database is the truth and Redis only holds work in flight: a flushed Redis or a worker
 * killed in the middle of scanning loses no item, and no item is scanned into its state twice.
 */
describe('recovery of scans (api in process, worker as a real process)', () => {
  let env: TestEnvironment;
  let api: TestApp;
  let s: Seeded;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ ROLE: 'api' });
    api = await startTestApp({}, env);
    s = await seedUnit(api);
    await api.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await api?.close();
    await env?.cleanup();
  });

  const startWorker = () => {
    const worker = spawnService({ ...env.env, ROLE: 'worker', RECONCILE_INTERVAL_MS: '1000' });
    workers.push(worker);
    return worker;
  };
  const sql = (query: string, params: unknown[] = []) => api.orm.em.fork().getConnection().execute(query, params);
  const submit = async (prefix: string, count: number, body?: string) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await api.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `${prefix}-${i}`, body ? { body: `${body}${i}` } : {})).expect(202);
      ids.push(response.body.id);
    }
    return ids;
  };
  const statesOf = async (ids: string[]) => {
    const rows = await sql(`select state from items where id in (${ids.map(() => '?').join(',')})`, ids);
    return rows.map((r: { state: string }) => r.state);
  };
  /** Each item reached awaiting_filler by exactly one transition and has exactly one scan. */
  const expectScannedOnce = async (ids: string[]) => {
    for (const id of ids) {
      const [{ n }] = await sql("select count(*) as n from audit_events where item_id = ? and to_state = 'awaiting_filler'", [id]);
      expect(Number(n)).toBe(1);
      const [{ scans }] = await sql('select count(*) as scans from scans s join revisions r on r.id = s.revision_id where r.item_id = ?', [id]);
      expect(Number(scans)).toBe(1);
    }
  };

  it('re-enqueues every submitted item after Redis lost its jobs', async () => {
    const ids = await submit('flushed', 20);
    expect(new Set(await statesOf(ids))).toEqual(new Set(['submitted']));
    await deleteRedisKeys(env.config.redis.url, `${env.config.queue.prefix}:*`);

    const worker = startWorker();
    await waitFor(async () => ((await statesOf(ids)).every((st: string) => st === 'awaiting_filler') ? true : undefined), 60_000, 'all items scanned');
    await expectScannedOnce(ids);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('finishes every scan exactly once after the worker is killed in the middle', async () => {
    const first = startWorker();
    // Large bodies make each scan take long enough for the kill to land mid-batch.
    const ids = await submit('killed', 30, '各科室：请按要求做好政务公开工作。'.repeat(8000));
    await waitFor(async () => ((await statesOf(ids)).some((st: string) => st === 'scanning' || st === 'awaiting_filler') ? true : undefined), 30_000, 'a scan to start');
    first.child.kill('SIGKILL');
    await first.exited;
    const left = (await statesOf(ids)).filter((st: string) => st !== 'awaiting_filler').length;

    const second = startWorker();
    await waitFor(async () => ((await statesOf(ids)).every((st: string) => st === 'awaiting_filler') ? true : undefined), 90_000, 'all items scanned after the kill');
    await expectScannedOnce(ids);
    expect(left).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 150_000);
});
