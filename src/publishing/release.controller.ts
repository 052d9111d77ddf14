import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { ClientPrincipal, Principal, UserPrincipal } from '../auth/principal';
import { ReasonDto } from '../reviews/dto/decide.dto';
import { ReleaseService } from './release.service';

const Id = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@Controller('api/v1')
export class ReleaseController {
  constructor(private readonly release: ReleaseService) {}

  /** Each channel's and the CMS callback's delivery, with every attempt. */
  @Get('items/:id/deliveries')
  @Auth('client', 'user')
  deliveries(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.release.deliveries(principal, id);
  }

  @Post('items/:id/recall')
  @HttpCode(200)
  @Auth('user')
  recall(@CurrentPrincipal() user: UserPrincipal, @Id() id: string, @Body() dto: ReasonDto) {
    return this.release.recall(user, id, dto.comment);
  }

  /** Withdraw by the owning CMS before release; 409 while any revision of it is released: a person recalls it first. */
  @Delete('items/:id')
  @HttpCode(200)
  @Auth('client')
  withdraw(@CurrentPrincipal() client: ClientPrincipal, @Id() id: string) {
    return this.release.withdraw(client, id);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @Auth('user')
  redeliver(@CurrentPrincipal() user: UserPrincipal, @Id() id: string) {
    return this.release.redeliver(user, id);
  }
}
