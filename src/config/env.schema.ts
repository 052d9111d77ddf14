/** The environment variables Clearance reads, their defaults and how each is checked. Nothing else reads process.env. */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { parseKeySpec, SecretsError } from '../auth/secrets/key-ring';
import { parseCidr } from '../publishing/outbound/ip-address';
import { ReviewDeadlinesConfig, reviewDeadlines } from './review-deadlines.config';
import { NotificationsConfig, notificationsConfig } from './notifications.config';

export type Role = 'all' | 'api' | 'worker';
export type DatabaseDriver = 'sqlite' | 'postgresql';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** Where channels and reviewers reach this service (attachment links in releases): no trailing slash. */
  publicUrl: string;
  role: Role;
  database: { driver: DatabaseDriver; url: string; sqlitePath?: string };
  redis: { url: string };
  queue: { prefix: string };
  auth: { jwtSecret?: string; tokenTtlSeconds: number; sessionMaxSeconds: number; loginMaxFailures: number; loginWindowSeconds: number; loginMaxFailuresPerAddress: number };
  log: { level: 'debug' | 'info' | 'warn' | 'error'; format: 'json' | 'pretty' };
  reconcileIntervalMs: number;
  publishing: { maxAttempts: number; backoffMs: number; timeoutMs: number; attachmentLinkTtlSeconds: number };
  /** Unit codes whose secrecy administrators may change the lexicon; empty: any secrecy administrator. */
  lexicon: { units: string[] };
  /** What one item may carry; a refusal names the attachment and the limit. */
  attachments: { maxBytes: number; maxCount: number; maxTotalBytes: number };
  /** Scans of text in the worker role: jobs at once (each waits on the database for most of its time). */
  scan: { concurrency: number };
  /** Extraction of attachments in the worker role: one child process per file, bounded in time and memory. */
  extract: { concurrency: number; timeoutSeconds: number; memoryMb: number; ocr: 'tesseract' | 'off'; tesseractPath: string; ocrLanguages: string };
  /** HOST: the address the api listens on; unset, every interface (as before HOST existed). */
  host?: string;
  /** TRUST_PROXY: the proxies (addresses, CIDRs, or loopback/linklocal/uniquelocal) whose X-Forwarded-For is believed; none by default. */
  trustProxy: string[];
  /** OUTBOUND_ALLOW: networks that unit admins' channels and CMS callback URLs may reach although private or loopback. */
  outbound: { allow: string[] };
  /**
   * Webhook secrets and the generated JWT key are sealed with these keys: SECRETS_KEY or SECRETS_KEY_FILE
   * (one required in production); else, in development and test, a key generated into generatedKeyFile (0600).
   */
  secrets: { key?: string; keyFile?: string; generatedKeyFile: string };
  /**
   * The audit trail: the hash of new events and checkpoints (AUDIT_HASH), how often the worker role seals the events
   * since the last checkpoint (AUDIT_CHECKPOINT_INTERVAL, seconds), the Ed25519 key that signs checkpoints
   * (AUDIT_SIGNING_KEY_FILE; unset: unsigned) and the directory each checkpoint is also written to (AUDIT_CHECKPOINT_DIR;
   * default: audit-checkpoints/ beside the SQLite file; on PostgreSQL unset, the database only).
   */
  audit: { hash: 'sha256' | 'sm3'; checkpointIntervalSeconds: number; signingKeyFile?: string; checkpointDir?: string };
  /**
   * METRICS_TOKEN: a bearer token that may read /metrics besides a secrecy administrator's session (compared hashed);
   * METRICS_PORT: where a worker-role process serves its own /metrics (token only), since it has no HTTP port.
   */
  metrics: { token?: string; workerPort?: number };
  /** REVIEW_DUE, HOLIDAYS_FILE, REVIEW_TIME_ZONE: each level's time, the working-day calendar and the zone it is counted in. */
  deadlines: ReviewDeadlinesConfig;
  /** SMTP_URL, NOTIFY_FROM, DIGEST_*, NOTIFY_*: mail, group robots and digests (src/notifications). */
  notifications: NotificationsConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export class EnvReader {
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

const MIB = 1024 * 1024;

/** A scraper's token, long enough not to be guessed since /metrics answers it without a user; a worker's port needs it. */
function metricsSettings(read: EnvReader): AppConfig['metrics'] {
  let token = read.raw('METRICS_TOKEN');
  if (token !== undefined && token.length < 24) token = read.fail('METRICS_TOKEN', 'must be at least 24 characters (e.g. openssl rand -hex 24)', undefined);
  const workerPort = read.raw('METRICS_PORT') === undefined ? undefined : read.int('METRICS_PORT', 0, 1, 65535);
  if (workerPort !== undefined && read.raw('METRICS_TOKEN') === undefined) read.fail('METRICS_PORT', 'needs METRICS_TOKEN: a worker\'s metrics answer only that token', undefined);
  return { token, workerPort };
}

/** PUBLIC_URL: required in production (a link built from a guess would reach no channel), else this host's port. */
function publicUrl(read: EnvReader, production: boolean, port: number): string {
  const value = read.raw('PUBLIC_URL');
  if (value === undefined) {
    return production ? read.fail('PUBLIC_URL', 'must be set in production: the http(s) URL channels reach this service at', '') : `http://127.0.0.1:${port}`;
  }
  try {
    const url = new URL(value);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) throw new Error('shape');
    return value.replace(/\/+$/, '');
  } catch {
    return read.fail('PUBLIC_URL', `must be an http(s) URL without credentials, query or fragment (got "${value}")`, '');
  }
}

function ocrLanguages(read: EnvReader): string {
  // chi_sim alone: with +eng, Tesseract reads a short marking line such as 机密★10年 as English and loses the level.
  const value = read.raw('OCR_LANGUAGES') ?? 'chi_sim';
  return /^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$/.test(value) ? value : read.fail('OCR_LANGUAGES', `must be Tesseract language names joined by + (got "${value}")`, 'chi_sim');
}

function listenHost(read: EnvReader): string | undefined {
  const value = read.raw('HOST');
  if (value === undefined || isIP(value) || /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(value)) return value;
  return read.fail('HOST', `must be an IP address or a host name to listen on, e.g. 127.0.0.1 or :: (got "${value}")`, undefined);
}

function list(read: EnvReader, name: string): string[] {
  return (read.raw(name) ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function networks(read: EnvReader, name: string): string[] {
  const values = list(read, name);
  const bad = values.find((v) => v.includes('[') || !parseCidr(v));
  return bad === undefined ? values : read.fail(name, `must be IP addresses or CIDR networks separated by commas, e.g. 10.20.0.0/16,fd00::/8 (got "${bad}")`, []);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustedProxies(read: EnvReader): string[] {
  const values = list(read, 'TRUST_PROXY');
  const bad = values.find((v) => !PROXY_NAMES.includes(v) && (v.includes('[') || !parseCidr(v)));
  if (bad === undefined) return values;
  return read.fail('TRUST_PROXY', `must be proxy addresses or CIDR networks (or ${PROXY_NAMES.join(', ')}) separated by commas (got "${bad}")`, []);
}

function secretsKeys(read: EnvReader, production: boolean): AppConfig['secrets'] {
  const key = read.raw('SECRETS_KEY');
  const keyFile = read.raw('SECRETS_KEY_FILE');
  const generatedKeyFile = './data/secrets.key';
  if (key !== undefined && keyFile !== undefined) return read.fail('SECRETS_KEY', 'and SECRETS_KEY_FILE are both set; set one', { generatedKeyFile });
  if (key === undefined && keyFile === undefined) {
    if (production) return read.fail('SECRETS_KEY', 'or SECRETS_KEY_FILE must be set in production: the base64 of 32 random bytes (openssl rand -base64 32) that seals webhook secrets', { generatedKeyFile });
    return { generatedKeyFile };
  }
  try {
    if (key !== undefined) parseKeySpec(key, 'SECRETS_KEY');
    else parseKeySpec(readFileSync(keyFile!, 'utf8'), `SECRETS_KEY_FILE ${keyFile}`);
  } catch (error) {
    const reason = error instanceof SecretsError ? error.message : `SECRETS_KEY_FILE ${keyFile} cannot be read (${(error as Error).message})`;
    return read.fail(key !== undefined ? 'SECRETS_KEY' : 'SECRETS_KEY_FILE', `is not usable: ${reason}`, { generatedKeyFile });
  }
  return { key, keyFile, generatedKeyFile };
}

function auditSettings(read: EnvReader): AppConfig['audit'] {
  return {
    hash: read.oneOf('AUDIT_HASH', ['sha256', 'sm3'] as const, 'sha256'),
    checkpointIntervalSeconds: read.int('AUDIT_CHECKPOINT_INTERVAL', 60, 1, 86_400),
    signingKeyFile: read.raw('AUDIT_SIGNING_KEY_FILE'),
    checkpointDir: read.raw('AUDIT_CHECKPOINT_DIR'),
  };
}

/** Reads and checks every variable; throws one ConfigError naming all bad ones. */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const prefix = read.raw('QUEUE_PREFIX') ?? 'clearance';
  if (!/^[A-Za-z0-9_.{}-]+$/.test(prefix)) read.fail('QUEUE_PREFIX', `may hold only letters, digits, _ . - { } (got "${prefix}")`, prefix);
  const jwtSecret = read.raw('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) read.fail('JWT_SECRET', 'must be at least 32 characters', undefined);
  // The old docker-compose.yml default: public, long enough for the check above, and never a secret.
  if (nodeEnv === 'production' && jwtSecret !== undefined && /change-?me/i.test(jwtSecret)) read.fail('JWT_SECRET', 'is a published placeholder; set a random one (openssl rand -base64 48)', undefined);

  const port = read.int('PORT', 3000, 1, 65535);
  const config: AppConfig = {
    env: nodeEnv,
    port,
    publicUrl: publicUrl(read, nodeEnv === 'production', port),
    role: read.oneOf('ROLE', ['all', 'api', 'worker'] as const, 'all'),
    database: parseDatabaseUrl(read),
    redis: { url: parseRedisUrl(read) },
    queue: { prefix },
    auth: {
      jwtSecret,
      tokenTtlSeconds: read.int('TOKEN_TTL_SECONDS', 900, 60, 86400),
      sessionMaxSeconds: read.int('SESSION_MAX_SECONDS', 43200, 60, 604800),
      loginMaxFailures: read.int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSeconds: read.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
      loginMaxFailuresPerAddress: read.int('LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 100_000),
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
      attachmentLinkTtlSeconds: read.int('ATTACHMENT_LINK_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600),
    },
    lexicon: { units: unitCodes(read, 'LEXICON_UNITS') },
    attachments: {
      maxBytes: read.int('ATTACHMENT_MAX_BYTES', 20 * MIB, 1, 1024 * MIB),
      maxCount: read.int('ATTACHMENT_MAX_COUNT', 20, 0, 1000),
      maxTotalBytes: read.int('ATTACHMENT_MAX_TOTAL_BYTES', 50 * MIB, 1, 1024 * MIB),
    },
    scan: { concurrency: read.int('SCAN_CONCURRENCY', 4, 1, 64) },
    extract: {
      concurrency: read.int('EXTRACT_CONCURRENCY', 1, 1, 64),
      timeoutSeconds: read.int('EXTRACT_TIMEOUT', 120, 1, 3600),
      memoryMb: read.int('EXTRACT_MEMORY_MB', 512, 64, 16384),
      ocr: read.oneOf('OCR', ['tesseract', 'off'] as const, 'tesseract'),
      tesseractPath: read.raw('TESSERACT_PATH') ?? 'tesseract',
      ocrLanguages: ocrLanguages(read),
    },
    host: listenHost(read),
    trustProxy: trustedProxies(read),
    outbound: { allow: networks(read, 'OUTBOUND_ALLOW') },
    secrets: secretsKeys(read, nodeEnv === 'production'),
    audit: auditSettings(read),
    metrics: metricsSettings(read),
    deadlines: reviewDeadlines(read),
    notifications: notificationsConfig(read),
  };
  if (config.audit.checkpointDir === undefined && config.database.sqlitePath !== undefined) {
    config.audit.checkpointDir = join(dirname(config.database.sqlitePath), 'audit-checkpoints');
  }
  if (config.attachments.maxBytes > config.attachments.maxTotalBytes) {
    read.fail('ATTACHMENT_MAX_BYTES', `must not exceed ATTACHMENT_MAX_TOTAL_BYTES (${config.attachments.maxTotalBytes})`, undefined);
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
