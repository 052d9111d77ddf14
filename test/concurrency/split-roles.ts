import { MikroORM } from '@mikro-orm/core';
import { runCli } from '../../src/cli';
import { openDatabase } from '../../src/database/open-database';
import { freePort, spawnService, Spawned } from '../support/processes';
import { waitFor } from '../support/test-app';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
  retryAfter: string | null;
}

export type Credentials = { apiKey: string } | { token: string } | null;

/**
 * The built service as operators run it with split roles: one api and one worker process (dist/src/main.js) on
 * one database and one Redis; the test talks to the api over HTTP and seeds through the operator CLI.
 */
export interface SplitRoles {
  env: TestEnvironment;
  api: Spawned;
  worker: Spawned;
  /** An ORM of the test's own, for reading the database at the end. */
  orm: MikroORM;
  baseUrl: string;
  cli(...argv: string[]): Promise<string[]>;
  call(method: 'GET' | 'POST' | 'DELETE', path: string, as: Credentials, body?: object): Promise<Answer>;
  close(): Promise<void>;
}

export async function startSplitRoles(overrides: Record<string, string> = {}, seed: (cli: SplitRoles['cli']) => Promise<void> = async () => undefined): Promise<SplitRoles> {
  const port = await freePort();
  const env = await createTestEnvironment({ PORT: String(port), ...overrides });
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env.config);
    if (code !== 0) throw new Error(`cli ${argv[0]} failed (${code}): ${err.join('\n')}`);
    return out;
  };
  // Seeded before the processes start, so that the worker's first reconcile and lexicon load see the final setup.
  await seed(cli);
  const api = spawnService({ ...env.env, ROLE: 'api' });
  const worker = spawnService({ ...env.env, ROLE: 'worker' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => ((await fetch(`${baseUrl}/health`).catch(() => undefined))?.ok ? true : undefined), 60_000, `the api on ${baseUrl}: ${api.output()}`);
  const orm = await openDatabase(env.config);
  const call: SplitRoles['call'] = async (method, path, as, body) => {
    const headers: Record<string, string> = !as ? {} : 'apiKey' in as ? { 'x-api-key': as.apiKey } : { authorization: `Bearer ${as.token}` };
    if (body) headers['content-type'] = 'application/json';
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    const ms = performance.now() - started;
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, body: parsed, ms, retryAfter: response.headers.get('retry-after') };
  };
  return {
    env,
    api,
    worker,
    orm,
    baseUrl,
    cli,
    call,
    async close() {
      for (const child of [api, worker]) child.child.kill('SIGKILL');
      await Promise.all([api.exited, worker.exited]);
      await orm.close();
      await env.cleanup();
    },
  };
}
