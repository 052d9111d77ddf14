import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ItemTransitions } from './item-transitions.service';
import { ItemViewService } from './item-view.service';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';

@Module({
  imports: [AttachmentsModule],
  controllers: [ItemsController],
  providers: [ItemsService, ItemTransitions, ItemViewService],
  exports: [ItemsService, ItemTransitions, ItemViewService],
})
export class ItemsModule {}
