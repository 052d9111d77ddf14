import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { QUEUES } from './queues';
import { ReconcilerService } from './reconciler.service';
import { redisOptions } from './redis-connection';
import { RedisService } from './redis.service';

/** BullMQ on the configured Redis, with every queue of the one list registered. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, worker: boolean): DynamicModule {
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          connection: { ...redisOptions(config.redis.url), retryStrategy: (attempt: number) => Math.min(attempt * 500, 5000) },
          prefix: config.queue.prefix,
          defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
        }),
        queues,
      ],
      providers: [
        RedisService,
        { provide: ReconcilerService, useFactory: (c: AppConfig) => Object.assign(new ReconcilerService(c), { enabled: worker }), inject: [APP_CONFIG] },
      ],
      exports: [queues, RedisService, ReconcilerService],
    };
  }
}
