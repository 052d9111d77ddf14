import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { createHash } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { RedisService } from '../queue/redis.service';
import { formatIp, parseIp } from '../publishing/outbound/ip-address';

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many', `too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/** One sign-in in progress: counted already, settled by failed() or succeeded(). */
export interface SignInAttempt {
  userAddress: string;
  address: string;
  user: string;
}

/**
 * Counts the attempt against both limits and takes it, in one step, or answers how long to wait:
 * KEYS[1] this user from this address, KEYS[2] this address for any user; ARGV window, limit 1, limit 2.
 */
const BEGIN = `
local function wait(key, limit)
  if tonumber(redis.call('GET', key) or '0') < limit then return false end
  local ttl = redis.call('TTL', key)
  if ttl < 0 then redis.call('EXPIRE', key, ARGV[1]) ttl = tonumber(ARGV[1]) end
  return math.max(ttl, 1)
end
local retry = wait(KEYS[1], tonumber(ARGV[2])) or wait(KEYS[2], tonumber(ARGV[3]))
if retry then return retry end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
end
return 0`;

/** A correct password gives its attempt back: the pair starts afresh, the address gets one back. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
return 0`;

/** KEYS[1] failures of this user from any address; ARGV window. Returns the count. */
const FAILED = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** How long a failed sign-in of a user under attack takes to answer. */
export const SLOWDOWN_MS = 1000;

/**
 * Sign-in limits in Redis, so every api process sees the same counts. An attempt is counted before
 * its password is checked, against LOGIN_MAX_FAILURES per (user, address) and
 * LOGIN_MAX_FAILURES_PER_ADDRESS per address across users; over either, 429. Failures against one user
 * from everywhere never lock that user out (a stranger who knows the name could): past the limit,
 * each further failure only answers slowly, and the owner signing in from an address without failures
 * gets in at once.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly redis: RedisService) {}

  async begin(username: string, address: string): Promise<SignInAttempt> {
    const user = createHash('sha256').update(username.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 32);
    const from = throttleAddress(address);
    const attempt = { userAddress: `login:ua:${user}:${from}`, address: `login:a:${from}`, user: `login:u:${user}` };
    const { loginMaxFailures, loginMaxFailuresPerAddress, loginWindowSeconds } = this.config.auth;
    const retry = await this.redis.client.eval(BEGIN, 2, attempt.userAddress, attempt.address, loginWindowSeconds, loginMaxFailures, loginMaxFailuresPerAddress).catch(() => {
      throw new DomainError('unavailable', 'sign-in is unavailable: the throttle store (Redis) does not answer');
    });
    if (Number(retry) > 0) throw new TooManyAttemptsError(Number(retry));
    return attempt;
  }

  async failed(attempt: SignInAttempt): Promise<void> {
    const count = await this.redis.client.eval(FAILED, 1, attempt.user, this.config.auth.loginWindowSeconds).catch(() => 0);
    if (Number(count) > this.config.auth.loginMaxFailures) await new Promise((resolve) => setTimeout(resolve, SLOWDOWN_MS));
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.redis.client.eval(SUCCEEDED, 2, attempt.userAddress, attempt.address).catch(() => undefined);
  }
}

/** The address as limited: IPv4 as is (also when mapped into IPv6), IPv6 by its /64, which one host usually holds whole. */
export function throttleAddress(address: string): string {
  const ip = parseIp(address);
  if (!ip) return address || 'unknown';
  if (ip.family === 6 && ip.value >> 32n === 0xffffn) return formatIp({ family: 4, value: ip.value & 0xffffffffn });
  if (ip.family === 4) return formatIp(ip);
  return `${formatIp({ family: 6, value: (ip.value >> 64n) << 64n })}/64`;
}
