import { Body, Controller, Get, HttpCode, Ip, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AccountService } from './account.service';
import { Auth, CurrentPrincipal } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, UpdateAccountDto } from './dto/account.dto';
import { LoginDto } from './dto/login.dto';
import type { UserPrincipal } from './principal';

/** The Bearer token exactly as sent; the guard has checked it already. */
const bearerOf = (request: Request): string => /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1] ?? '';

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly account: AccountService) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Ip() address: string) {
    return this.auth.login(dto.username, dto.password, address);
  }

  /** A new token for the same session while the current one is valid (the page calls it on activity). */
  @Post('refresh')
  @HttpCode(200)
  @Auth('user')
  refresh(@Req() request: Request) {
    return this.auth.refresh(bearerOf(request));
  }

  /** Ends the session server-side: this token and every token renewed from it are refused from now on. */
  @Post('logout')
  @HttpCode(204)
  @Auth('user')
  async logout(@CurrentPrincipal() principal: UserPrincipal): Promise<void> {
    if (principal.sessionId) await this.auth.logout(principal.sessionId);
  }

  @Get('account')
  @Auth('user')
  view(@CurrentPrincipal() principal: UserPrincipal) {
    return this.account.view(principal);
  }

  @Patch('account')
  @Auth('user')
  update(@CurrentPrincipal() principal: UserPrincipal, @Body() dto: UpdateAccountDto) {
    return this.account.update(principal, dto);
  }

  /** Needs the current password, counted like a sign-in; ends every other session of the person. */
  @Post('password')
  @HttpCode(200)
  @Auth('user')
  changePassword(@CurrentPrincipal() principal: UserPrincipal, @Body() dto: ChangePasswordDto, @Ip() address: string) {
    return this.account.changePassword(principal, dto.currentPassword, dto.newPassword, address);
  }
}
