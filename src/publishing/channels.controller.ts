import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import { actorOf, auditActor, UserPrincipal } from '../auth/principal';
import { ChannelsService } from './channels.service';
import { AddChannelDto, AddSecretDto } from './dto/add-channel.dto';

/**
 * A secrecy administrator manages their own unit's channels and sees the service-wide ones, which the
 * operator manages with the CLI. Secrets are shown once, when generated here.
 */
@Controller('api/v1/channels')
@Auth('user')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  async list(@CurrentPrincipal() user: UserPrincipal) {
    return { channels: await this.channels.list(actorOf(user)) };
  }

  /** Without `unit`, the channel is the admin's own unit's. */
  @Post()
  add(@CurrentPrincipal() user: UserPrincipal, @Body() dto: AddChannelDto) {
    return this.channels.add({ ...dto, unit: dto.unit ?? user.unitCode }, actorOf(user), auditActor(user));
  }

  @Delete(':name')
  @HttpCode(200)
  deactivate(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string) {
    return this.channels.deactivate(name, actorOf(user), auditActor(user));
  }

  @Post(':name/secrets')
  addSecret(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string, @Body() dto: AddSecretDto) {
    return this.channels.addSecret(name, actorOf(user), auditActor(user), dto.secret);
  }

  @Delete(':name/secrets/previous')
  @HttpCode(200)
  retirePrevious(@CurrentPrincipal() user: UserPrincipal, @Param('name') name: string) {
    return this.channels.retirePreviousSecret(name, actorOf(user), auditActor(user));
  }
}
