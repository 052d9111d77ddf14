import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { AttachmentsModule } from './attachments/attachments.module';
import { AttachmentDownloadsModule } from './attachments/downloads/attachment-downloads.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClaimsModule } from './claims/claims.module';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/env.schema';
import { ormOptions } from './database/orm-options';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { ItemsModule } from './items/items.module';
import { LexiconModule } from './lexicon/lexicon.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpsModule } from './ops/ops.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PublishingModule } from './publishing/publishing.module';
import { QueueModule } from './queue/queue.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewsModule } from './reviews/reviews.module';
import { ScanModule } from './scan/scan.module';
import { WebModule } from './web/web.module';

export function runsWorker(config: AppConfig): boolean {
  return config.role === 'all' || config.role === 'worker';
}

/** The whole service; the role decides whether the BullMQ processors run in this process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const worker = runsWorker(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MikroOrmModule.forRoot({ ...ormOptions(config), registerRequestContext: true }),
        QueueModule.forRoot(config, worker),
        NotificationsModule.register(worker),
        AuditModule,
        AuthModule,
        HealthModule,
        ItemsModule,
        AttachmentsModule,
        AttachmentDownloadsModule,
        ScanModule.register(worker),
        LexiconModule,
        ReviewsModule,
        ClaimsModule,
        DeadlinesModule.register(worker),
        PublishingModule.register(worker),
        ReportsModule,
        WebModule,
        MetricsModule,
        OpsModule,
      ],
    };
  }
}
