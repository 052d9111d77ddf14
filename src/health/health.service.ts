import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { RedisService } from '../queue/redis.service';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  redis: 'up' | 'down';
  errors?: Record<string, string>;
}

@Injectable()
export class HealthService {
  constructor(private readonly em: EntityManager, private readonly redis: RedisService) {}

  async check(): Promise<HealthReport> {
    const [db, redis] = await Promise.allSettled([
      this.em.fork().getConnection().execute('select 1'),
      this.redis.ping(),
    ]);
    const errors: Record<string, string> = {};
    if (db.status === 'rejected') errors.db = (db.reason as Error).message;
    if (redis.status === 'rejected') errors.redis = (redis.reason as Error).message;
    const report: HealthReport = {
      status: Object.keys(errors).length ? 'unavailable' : 'ok',
      db: db.status === 'fulfilled' ? 'up' : 'down',
      redis: redis.status === 'fulfilled' ? 'up' : 'down',
    };
    return Object.keys(errors).length ? { ...report, errors } : report;
  }
}
