import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { ClientPrincipal, Principal } from '../auth/principal';
import { SubmitItemDto } from './dto/submit-item.dto';
import { ItemsService } from './items.service';

@Controller('api/v1/items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  /** 202 when a new revision was accepted for review; 200 when the same content was already there. */
  @Post()
  @Auth('client')
  async submit(@CurrentPrincipal() client: ClientPrincipal, @Body() dto: SubmitItemDto, @Res({ passthrough: true }) response: Response) {
    const { created, ...result } = await this.items.submit(client, dto);
    response.status(created ? 202 : 200);
    return result;
  }

  @Get(':id')
  @Auth('client', 'user')
  view(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.items.view(principal, id);
  }
}
