import { itemBody, seedUnit, Seeded } from '../support/fixtures';
import { spawnService } from '../support/processes';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';

describe('SIGTERM on a worker with jobs in flight', () => {
  let env: TestEnvironment;
  let api: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    env = await createTestEnvironment({ ROLE: 'api' });
    api = await startTestApp({}, env);
    s = await seedUnit(api);
    await api.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(async () => {
    await api?.close();
    await env?.cleanup();
  });

  it('finishes the scans it started, takes no new ones, closes its connections and exits 0', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const body = '各科室：请按要求做好政务公开工作，联系电话0817-2222222。'.repeat(6000) + i;
      ids.push((await api.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `drain-${i}`, { body })).expect(202)).body.id);
    }
    const states = async () => {
      const rows = await api.orm.em.fork().getConnection().execute(`select state from items where id in (${ids.map(() => '?').join(',')})`, ids);
      return rows.map((r: { state: string }) => r.state) as string[];
    };
    const worker = spawnService({ ...env.env, ROLE: 'worker', LOG_LEVEL: 'info' });
    await waitFor(async () => ((await states()).includes('scanning') ? true : undefined), 30_000, 'a scan in flight');
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/SIGTERM: draining jobs in flight/);
    const after = await states();
    // Nothing was cut off mid-scan; what was not started waits in the queue for the next worker.
    expect(after).not.toContain('scanning');
    expect(after.filter((st) => st === 'awaiting_filler').length).toBeGreaterThan(0);
  });
});
