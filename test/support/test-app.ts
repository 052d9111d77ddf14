import { MikroORM } from '@mikro-orm/core';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createHttpApp } from '../../src/app.factory';
import { runCli } from '../../src/cli';
import { AppConfig } from '../../src/config/env.schema';
import { openDatabase } from '../../src/database/open-database';
import { preflight } from '../../src/preflight';
import { ReconcilerService } from '../../src/queue/reconciler.service';
import { createTestEnvironment, TestEnvironment } from './test-config';

export interface TestApp {
  env: TestEnvironment;
  config: AppConfig;
  app: INestApplication;
  http: TestAgent;
  /** A separate ORM for assertions and direct checks of the database. */
  orm: MikroORM;
  cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }>;
  close(): Promise<void>;
}

/** The real service (api + worker, or one role) on its own database and queue prefix. */
export async function startTestApp(overrides: Record<string, string> = {}, existing?: TestEnvironment): Promise<TestApp> {
  const env = existing ?? (await createTestEnvironment(overrides));
  const config = env.config;
  await preflight(config);
  const app = await createHttpApp(config);
  await app.init();
  const orm = await openDatabase(config);
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, config);
    return { code, out, err };
  };
  return {
    env,
    config,
    app,
    http: request(app.getHttpServer()),
    orm,
    cli,
    async close() {
      await app.close();
      await orm.close();
      if (!existing) await env.cleanup();
    },
  };
}

export function reconcile(app: INestApplication): Promise<void> {
  return app.get(ReconcilerService).runOnce();
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
