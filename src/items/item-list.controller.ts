import { Controller, Get, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ItemListQueryDto } from './dto/item-list-query.dto';
import { ItemListService } from './item-list.service';

@Controller('api/v1/items')
@Auth('user')
export class ItemListController {
  constructor(private readonly list: ItemListService) {}

  /** The caller's unit's items: 全部 (view=all), 已办 (done: the caller decided them), 待我审核 (mine: the queue). */
  @Get()
  items(@CurrentPrincipal() user: UserPrincipal, @Query() query: ItemListQueryDto) {
    return this.list.list(user, query);
  }
}
