/** The environment variables Clearance reads, their defaults and how each is checked. Nothing else reads process.env. */
export type Role = 'all' | 'api' | 'worker';
export type DatabaseDriver = 'sqlite' | 'postgresql';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  role: Role;
  database: { driver: DatabaseDriver; url: string; sqlitePath?: string };
  redis: { url: string };
  queue: { prefix: string };
  auth: { jwtSecret?: string; tokenTtlSeconds: number; loginMaxFailures: number; loginWindowSeconds: number };
  log: { level: 'debug' | 'info' | 'warn' | 'error'; format: 'json' | 'pretty' };
  reconcileIntervalMs: number;
  publishing: { maxAttempts: number; backoffMs: number; timeoutMs: number };
  /** Unit codes whose secrecy administrators may change the lexicon; empty: any secrecy administrator. */
  lexicon: { units: string[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      return this.fail(name, `must be an integer from ${min} to ${max} (got "${value}")`, fallback);
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      return this.fail(name, `must be one of ${allowed.join(', ')} (got "${value}")`, fallback);
    }
    return value as T;
  }

  fail<T>(name: string, reason: string, fallback: T): T {
    this.problems.push(`${name} ${reason}`);
    return fallback;
  }
}

function parseDatabaseUrl(read: EnvReader): AppConfig['database'] {
  const url = read.raw('DATABASE_URL') ?? 'sqlite:./data/clearance.sqlite';
  if (url.startsWith('sqlite:')) {
    const sqlitePath = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!sqlitePath) return read.fail('DATABASE_URL', 'must name a file after "sqlite:"', { driver: 'sqlite', url });
    return { driver: 'sqlite', url, sqlitePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
      return { driver: 'postgresql', url };
    } catch {
      return read.fail('DATABASE_URL', 'is not a valid postgres:// URL', { driver: 'postgresql', url });
    }
  }
  return read.fail(
    'DATABASE_URL',
    `must be sqlite:<path> or postgres://… (got "${url.replace(/\/\/[^@/]*@/, '//***@')}")`,
    { driver: 'sqlite', url },
  );
}

function parseRedisUrl(read: EnvReader): string {
  const url = read.raw('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('protocol');
    return url;
  } catch {
    return read.fail('REDIS_URL', `must be a redis:// or rediss:// URL (got "${url}")`, url);
  }
}

function unitCodes(read: EnvReader, name: string): string[] {
  const codes = (read.raw(name) ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  const bad = codes.find((c) => !/^[A-Za-z0-9_-]{1,64}$/.test(c));
  return bad === undefined ? codes : read.fail(name, `must be unit codes separated by commas (got "${bad}")`, []);
}

/** Reads and checks every variable; throws one ConfigError naming all bad ones. */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const prefix = read.raw('QUEUE_PREFIX') ?? 'clearance';
  if (!/^[A-Za-z0-9_.{}-]+$/.test(prefix)) read.fail('QUEUE_PREFIX', `may hold only letters, digits, _ . - { } (got "${prefix}")`, prefix);
  const jwtSecret = read.raw('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) read.fail('JWT_SECRET', 'must be at least 32 characters', undefined);

  const config: AppConfig = {
    env: nodeEnv,
    port: read.int('PORT', 3000, 1, 65535),
    role: read.oneOf('ROLE', ['all', 'api', 'worker'] as const, 'all'),
    database: parseDatabaseUrl(read),
    redis: { url: parseRedisUrl(read) },
    queue: { prefix },
    auth: {
      jwtSecret,
      tokenTtlSeconds: read.int('TOKEN_TTL_SECONDS', 900, 60, 86400),
      loginMaxFailures: read.int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSeconds: read.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    },
    log: {
      level: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
      format: read.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, nodeEnv === 'production' ? 'json' : 'pretty'),
    },
    reconcileIntervalMs: read.int('RECONCILE_INTERVAL_MS', 60_000, 100, 86_400_000),
    publishing: {
      maxAttempts: read.int('DELIVERY_MAX_ATTEMPTS', 10, 1, 100),
      backoffMs: read.int('DELIVERY_BACKOFF_MS', 30_000, 1, 86_400_000),
      timeoutMs: read.int('DELIVERY_TIMEOUT_MS', 10_000, 100, 300_000),
    },
    lexicon: { units: unitCodes(read, 'LEXICON_UNITS') },
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
