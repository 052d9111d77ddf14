import { DynamicModule, Global, Module } from '@nestjs/common';
import { DigestScheduler } from './digest-scheduler';
import { DigestService } from './digest.service';
import { ItemNotices } from './item-notices';
import { MailTransport } from './mail-transport';
import { MessageSender } from './message-sender';
import { NoticeProcessor } from './notice.processor';
import { NotificationExpander } from './notification-expander';
import { NotificationJobs } from './notification-jobs';
import { DatabaseNotificationOutbox } from './notification-outbox.service';
import { NotificationReconciler } from './notification-reconciler';
import { NotificationRecipients } from './notification-recipients';
import { NotificationOutbox } from './notification-request';
import { NotificationSummaryService } from './notification-summary.service';
import { NotificationWake } from './notification-wake';
import { NotificationsController } from './notifications.controller';
import { RobotTransport } from './robot-transport';

/**
 * Telling people. Global, so any module's service can queue a notification in its own transaction
 * (NotificationOutbox) and item transitions reach ItemNotices; where the worker role runs, the outbox is
 * expanded and sent (mail, group robots) and the digests are scheduled.
 */
@Global()
@Module({})
export class NotificationsModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [NotificationsController],
      providers: [
        NotificationWake, DatabaseNotificationOutbox, { provide: NotificationOutbox, useExisting: DatabaseNotificationOutbox }, ItemNotices, NotificationSummaryService,
        ...(worker
          ? [NotificationRecipients, NotificationExpander, MailTransport, RobotTransport, MessageSender, NotificationJobs, NotificationReconciler, DigestService, DigestScheduler, NoticeProcessor]
          : []),
      ],
      exports: [NotificationOutbox, DatabaseNotificationOutbox, ItemNotices],
    };
  }
}
