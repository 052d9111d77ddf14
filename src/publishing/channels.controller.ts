import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { assertAdmin } from '@clearance/workflow';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import { actorOf, auditActor, UserPrincipal } from '../auth/principal';
import { ChannelsService } from './channels.service';
import { AddChannelDto, AddSecretDto } from './dto/add-channel.dto';

/** Channels are service-wide, so any secrecy administrator manages them. Secrets are shown once, when generated here. */
@Controller('api/v1/channels')
@Auth('user')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  async list(@CurrentPrincipal() user: UserPrincipal) {
    assertAdmin(actorOf(user));
    return { channels: await this.channels.list() };
  }

  @Post()
  add(@CurrentPrincipal() user: UserPrincipal, @Body() dto: AddChannelDto) {
    assertAdmin(actorOf(user));
    return this.channels.add(dto, auditActor(user));
  }

  @Delete(':name')
  @HttpCode(200)
  deactivate(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string) {
    assertAdmin(actorOf(user));
    return this.channels.deactivate(name, auditActor(user));
  }

  @Post(':name/secrets')
  addSecret(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string, @Body() dto: AddSecretDto) {
    assertAdmin(actorOf(user));
    return this.channels.addSecret(name, auditActor(user), dto.secret);
  }

  @Delete(':name/secrets/previous')
  @HttpCode(200)
  retirePrevious(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string) {
    assertAdmin(actorOf(user));
    return this.channels.retirePreviousSecret(name, auditActor(user));
  }
}
