import { Controller, Delete, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import type { Response } from 'express';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { KeyRing } from '../auth/secrets/key-ring';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { DASHBOARD_COOKIE, DASHBOARD_PATH, DASHBOARD_SESSION_SECONDS, signDashboardSession } from './dashboard-session';

/**
 * The page keeps its Bearer token in sessionStorage, which a browser does not send when it loads the dashboard;
 * this exchanges it for a cookie that only the dashboard's path receives: HttpOnly, SameSite=Strict, ten minutes.
 */
@Controller('api/v1/ops/dashboard-session')
@Auth('user')
export class DashboardSessionController {
  constructor(private readonly ring: KeyRing, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post()
  @HttpCode(204)
  open(@CurrentPrincipal() user: UserPrincipal, @Res({ passthrough: true }) response: Response): void {
    if (!user.roles.includes('admin')) throw new DomainError('forbidden', 'only a secrecy administrator may see the queue dashboard');
    response.cookie(DASHBOARD_COOKIE, signDashboardSession(this.ring, user.userId), {
      path: DASHBOARD_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https:'),
      maxAge: DASHBOARD_SESSION_SECONDS * 1000,
    });
  }

  @Delete()
  @HttpCode(204)
  close(@Res({ passthrough: true }) response: Response): void {
    response.clearCookie(DASHBOARD_COOKIE, { path: DASHBOARD_PATH, httpOnly: true, sameSite: 'strict' });
  }
}
