import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ReasonDto } from '../reviews/dto/decide.dto';
import { FailedDeliveries } from './failed-deliveries.service';

const Id = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** The unit's releases and recalls that failed for good, for its secrecy administrators. */
@Controller('api/v1/deliveries')
@Auth('user')
export class FailedDeliveriesController {
  constructor(private readonly failed: FailedDeliveries) {}

  @Get('failed')
  list(@CurrentPrincipal() user: UserPrincipal) {
    return this.failed.list(user);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  dismiss(@CurrentPrincipal() user: UserPrincipal, @Id() id: string, @Body() dto: ReasonDto) {
    return this.failed.dismiss(user, id, dto.comment);
  }
}
