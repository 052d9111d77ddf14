import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { RedisService } from '../queue/redis.service';

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many', `too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/** Counts failed sign-ins per username and address in Redis, so every api process sees the same count. */
@Injectable()
export class LoginThrottleService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly redis: RedisService) {}

  private keys(username: string, address: string): [string, string] {
    const user = username.trim().toLowerCase();
    return [`login-fail:${user}:${address}`, `login-fail:${user}`];
  }

  /** Throws 429 while either counter is over its limit (the per-user one allows more, for shared offices). */
  async assertAllowed(username: string, address: string): Promise<void> {
    const { loginMaxFailures } = this.config.auth;
    const [byAddress, byUser] = this.keys(username, address);
    const [a, u] = await this.redis.client.mget(byAddress, byUser).catch(() => {
      throw new DomainError('unavailable', 'sign-in is unavailable: the throttle store (Redis) does not answer');
    });
    if (Number(a ?? 0) >= loginMaxFailures || Number(u ?? 0) >= loginMaxFailures * 4) {
      const ttl = await this.redis.client.ttl(Number(a ?? 0) >= loginMaxFailures ? byAddress : byUser);
      throw new TooManyAttemptsError(Math.max(ttl, 1));
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const window = this.config.auth.loginWindowSeconds;
    const multi = this.redis.client.multi();
    for (const key of this.keys(username, address)) multi.incr(key).expire(key, window, 'NX');
    await multi.exec().catch(() => undefined);
  }

  async reset(username: string, address: string): Promise<void> {
    await this.redis.client.del(this.keys(username, address)[0]).catch(() => undefined);
  }
}
