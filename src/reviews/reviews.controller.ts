import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { DecideDto, OverrideDto, ReasonDto, WithholdDto } from './dto/decide.dto';
import { QueueQueryDto } from './dto/queue-query.dto';
import { ReviewQueueService } from './review-queue.service';
import { ReviewsService } from './reviews.service';

const ItemId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@Controller('api/v1')
@Auth('user')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService, private readonly reviewQueue: ReviewQueueService) {}

  @Get('reviews/queue')
  queue(@CurrentPrincipal() user: UserPrincipal, @Query() query: QueueQueryDto) {
    return this.reviewQueue.queue(user, query.limit ?? 50, query.cursor);
  }

  @Post('items/:id/decisions')
  @HttpCode(200)
  decide(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string, @Body() dto: DecideDto) {
    return this.reviews.decide(user, id, dto);
  }

  @Post('items/:id/override')
  @HttpCode(200)
  override(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string, @Body() dto: OverrideDto) {
    return this.reviews.override(user, id, dto.comment, dto.confirmMarking);
  }

  /** 不予公开: ends the item without release; the reason goes to the CMS. */
  @Post('items/:id/withhold')
  @HttpCode(200)
  withhold(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string, @Body() dto: WithholdDto) {
    return this.reviews.withhold(user, id, dto.comment);
  }

  @Post('items/:id/return')
  @HttpCode(200)
  returnReferred(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string, @Body() dto: ReasonDto) {
    return this.reviews.returnReferred(user, id, dto.comment);
  }
}
