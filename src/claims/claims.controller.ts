import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ClaimsService } from './claims.service';
import { ClaimDto } from './dto/claim.dto';

const ItemId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** 认领 of an item at its current level: claim (or renew), see who holds it, release or (an admin) clear it. */
@Controller('api/v1/items/:id/claim')
@Auth('user')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get()
  current(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string) {
    return this.claims.current(user, id);
  }

  @Post()
  @HttpCode(200)
  claim(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string, @Body() dto: ClaimDto) {
    return this.claims.claim(user, id, dto.minutes);
  }

  @Delete()
  @HttpCode(200)
  release(@CurrentPrincipal() user: UserPrincipal, @ItemId() id: string) {
    return this.claims.release(user, id);
  }
}
