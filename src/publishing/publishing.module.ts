import { DynamicModule, Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryReconciler } from './delivery-reconciler';
import { DeliveryRequests } from './delivery-requests';
import { DeliveryService } from './delivery.service';
import { FailedDeliveriesController } from './failed-deliveries.controller';
import { FailedDeliveries } from './failed-deliveries.service';
import { NotifyProcessor } from './notify.processor';
import { PublishProcessor } from './publish.processor';
import { PublishingHooks } from './publishing-hooks';
import { ReleaseController } from './release.controller';
import { ReleaseService } from './release.service';
import { WebhookSender } from './webhook-sender';

/**
 * Release to channels and callbacks to the CMS. The hooks run in every role (approval may happen
 * in an api process); the processors and the reconciler only where the worker role runs.
 */
@Module({})
export class PublishingModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: PublishingModule,
      imports: [ItemsModule],
      controllers: [ChannelsController, ReleaseController, FailedDeliveriesController],
      providers: [
        ChannelsService, ReleaseService, DeliveryService, FailedDeliveries, DeliveryRequests, DeliveryJobs, WebhookSender, PublishingHooks,
        ...(worker ? [PublishProcessor, NotifyProcessor, DeliveryReconciler] : []),
      ],
      exports: [ChannelsService, ReleaseService],
    };
  }
}
