import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ItemListController } from './item-list.controller';
import { ItemListService } from './item-list.service';
import { ItemTransitions } from './item-transitions.service';
import { ItemViewService } from './item-view.service';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';
import { RevisionsController } from './revisions.controller';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [AttachmentsModule],
  controllers: [ItemsController, RevisionsController, ItemListController],
  providers: [ItemsService, ItemTransitions, ItemViewService, RevisionsService, ItemListService],
  exports: [ItemsService, ItemTransitions, ItemViewService],
})
export class ItemsModule {}
