import Redis, { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL (BullMQ wants options, not a URL). */
export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

export class RedisUnavailableError extends Error {}

/** Pings Redis once; a refused or silent server becomes one clear error naming the URL. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new RedisUnavailableError(
      `cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')} (${(error as Error).message || 'no answer'}); ` +
        'start it with: redis-server --daemonize yes --port 6379, or set REDIS_URL',
    );
  } finally {
    client.disconnect();
  }
}
