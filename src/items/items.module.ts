import { Module } from '@nestjs/common';
import { ItemTransitions } from './item-transitions.service';
import { ItemViewService } from './item-view.service';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';

@Module({
  controllers: [ItemsController],
  providers: [ItemsService, ItemTransitions, ItemViewService],
  exports: [ItemsService, ItemTransitions, ItemViewService],
})
export class ItemsModule {}
