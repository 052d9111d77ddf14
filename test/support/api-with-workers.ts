import type { AnyEntity, EntityData } from '@mikro-orm/core';
import { itemBody, seedUnit, Seeded } from './fixtures';
import { spawnService, Spawned } from './processes';
import { startTestApp, TestApp } from './test-app';
import { createTestEnvironment, TestEnvironment } from './test-config';

/** The api role in this process, and worker roles as real processes started (and killed) by the test. */
export interface ApiWithWorkers {
  env: TestEnvironment;
  api: TestApp;
  seeded: Seeded;
  startWorker(extraEnv?: Record<string, string>): Spawned;
  /** Submits `count` items; `body` (if given) gets the item's number appended so each is new content. */
  submit(prefix: string, count: number, body?: string): Promise<string[]>;
  statesOf(ids: string[]): Promise<string[]>;
  sql(query: string, params?: unknown[]): Promise<Array<EntityData<AnyEntity>>>;
  close(): Promise<void>;
}

export async function startApiWithWorkers(): Promise<ApiWithWorkers> {
  const env = await createTestEnvironment({ ROLE: 'api' });
  const api = await startTestApp({}, env);
  const seeded = await seedUnit(api);
  await api.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  const workers: Spawned[] = [];
  const sql = (query: string, params: unknown[] = []) => api.orm.em.fork().getConnection().execute(query, params);
  return {
    env,
    api,
    seeded,
    sql,
    startWorker(extraEnv = {}) {
      const worker = spawnService({ ...env.env, ROLE: 'worker', ...extraEnv });
      workers.push(worker);
      return worker;
    },
    async submit(prefix, count, body) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const response = await api.http.post('/api/v1/items').set('X-Api-Key', seeded.apiKey).send(itemBody(seeded.unit, `${prefix}-${i}`, body ? { body: `${body}${i}` } : {})).expect(202);
        ids.push(response.body.id);
      }
      return ids;
    },
    async statesOf(ids) {
      const rows = await sql(`select state from items where id in (${ids.map(() => '?').join(',')})`, ids);
      return rows.map((r: { state: string }) => r.state);
    },
    async close() {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await api.close();
      await env.cleanup();
    },
  };
}
