import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { AppConfig, loadConfig } from '../../src/config/env.schema';
import { redisOptions } from '../../src/queue/redis-connection';

export interface TestEnvironment {
  config: AppConfig;
  /** Environment variables that reproduce `config` in a child process. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A database and queue prefix of its own for one test file: a fresh SQLite file, or a fresh
 * PostgreSQL database when DATABASE_URL is postgres://…, so runs never see each other's data.
 */
export async function createTestEnvironment(overrides: Record<string, string> = {}): Promise<TestEnvironment> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const base = process.env.DATABASE_URL ?? '';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `clearance-test-${suffix}`;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  if (/^postgres(ql)?:\/\//.test(base)) {
    const name = `clearance_test_${suffix}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clearance-test-'));
    databaseUrl = `sqlite:${join(dir, 'test.sqlite')}`;
    dropDatabase = async () => rmSync(dir, { recursive: true, force: true });
  }
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // Test receivers (API-added channels, CMS callbacks) listen on loopback, which the outbound policy refuses by default.
    OUTBOUND_ALLOW: '127.0.0.0/8,::1/128',
    // A key of the file's own, so no test depends on (or writes) the generated ./data/secrets.key.
    SECRETS_KEY: randomBytes(32).toString('base64'),
    ...overrides,
  };
  const config = loadConfig(env);
  return {
    config,
    env,
    async cleanup() {
      await deleteRedisKeys(config.redis.url, `${prefix}:*`);
      await dropDatabase();
    },
  };
}

export async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis may be the thing a test stopped; there is nothing to clean then.
  } finally {
    redis.disconnect();
  }
}
