import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { redisOptions } from './redis-connection';

/** A shared ioredis client for health checks, throttling and pub/sub-free counters; reconnects on its own. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private lastError = '';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis({
      ...redisOptions(config.redis.url),
      keyPrefix: `${config.queue.prefix}:app:`,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.client.on('error', (error: Error) => {
      // ioredis repeats the same error on every reconnect attempt; log it once per change.
      if (error.message !== this.lastError) this.logger.warn(`redis: ${error.message}`);
      this.lastError = error.message;
    });
    this.client.on('ready', () => {
      if (this.lastError) this.logger.log('redis: connected again');
      this.lastError = '';
    });
  }

  async ping(timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
