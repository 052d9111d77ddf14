import type { EnvReader } from './env.schema';

export interface DigestTime {
  /** 0 = Sunday … 6 = Saturday; only for the weekly digest. */
  weekday?: number;
  hour: number;
  minute: number;
}

export interface NotificationsConfig {
  /** SMTP_URL (smtp:// or smtps://, credentials in it allowed); unset: no e-mail, said once at start. */
  smtpUrl?: string;
  /** NOTIFY_FROM: the sender of every mail. */
  from: string;
  /** DIGEST_DAILY_AT (`08:30`), DIGEST_WEEKLY_AT (`MON 08:30`), either `off`; counted in DIGEST_TIME_ZONE. */
  dailyAt: DigestTime | null;
  weeklyAt: DigestTime | null;
  timeZone: string;
  /** NOTIFY_MAX_ATTEMPTS, NOTIFY_BACKOFF_MS: per message, exponential with jitter, then `failed`. */
  maxAttempts: number;
  backoffMs: number;
  /** NOTIFY_POLL_MS: how often a worker looks for rows no job woke it for (e.g. queued by another process). */
  pollMs: number;
  /** NOTIFY_LEASE_MS: how long a worker holds a message it is sending; after a crash another sends it once this runs out. */
  leaseMs: number;
  /** NOTIFY_TIMEOUT_MS: one SMTP session or robot request at most. */
  timeoutMs: number;
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function digestTime(read: EnvReader, name: string, fallback: string, weekly: boolean): DigestTime | null {
  const value = (read.raw(name) ?? fallback).toUpperCase();
  if (value === 'OFF') return null;
  const match = weekly ? /^(SUN|MON|TUE|WED|THU|FRI|SAT) +(\d{1,2}):(\d{2})$/.exec(value) : /^()(\d{1,2}):(\d{2})$/.exec(value);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || hour > 23 || minute > 59) {
    return read.fail(name, `must be ${weekly ? 'a weekday and a time, e.g. MON 08:30' : 'a time of day, e.g. 08:30'}, or off (got "${value}")`, null);
  }
  return weekly ? { weekday: WEEKDAYS.indexOf(match[1]), hour, minute } : { hour, minute };
}

function timeZone(read: EnvReader): string {
  const value = read.raw('DIGEST_TIME_ZONE') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    return read.fail('DIGEST_TIME_ZONE', `must be an IANA time zone such as Asia/Shanghai (got "${value}")`, 'Asia/Shanghai');
  }
}

function smtpUrl(read: EnvReader): string | undefined {
  const value = read.raw('SMTP_URL');
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'smtp:' || url.protocol === 'smtps:') return value;
  } catch {
    // reported below
  }
  return read.fail('SMTP_URL', 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.gov.cn:587', undefined);
}

export function notificationsConfig(read: EnvReader): NotificationsConfig {
  const from = read.raw('NOTIFY_FROM') ?? 'Clearance <clearance@localhost>';
  if (!/@/.test(from) || /[\r\n]/.test(from)) read.fail('NOTIFY_FROM', `must be a mail address, e.g. 密审 <miseng@example.gov.cn> (got "${from}")`, undefined);
  return {
    smtpUrl: smtpUrl(read),
    from,
    dailyAt: digestTime(read, 'DIGEST_DAILY_AT', '08:30', false),
    weeklyAt: digestTime(read, 'DIGEST_WEEKLY_AT', 'MON 08:30', true),
    timeZone: timeZone(read),
    maxAttempts: read.int('NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
    backoffMs: read.int('NOTIFY_BACKOFF_MS', 60_000, 1, 86_400_000),
    pollMs: read.int('NOTIFY_POLL_MS', 5_000, 50, 3_600_000),
    leaseMs: read.int('NOTIFY_LEASE_MS', 120_000, 500, 3_600_000),
    timeoutMs: read.int('NOTIFY_TIMEOUT_MS', 30_000, 100, 300_000),
  };
}
