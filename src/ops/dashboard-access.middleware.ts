import { EntityManager } from '@mikro-orm/core';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { User } from '../auth/entities/user.entity';
import { KeyRing } from '../auth/secrets/key-ring';
import { CONTENT_SECURITY_POLICY } from '../http/security-headers';
import { cookieValue, DASHBOARD_COOKIE, verifyDashboardSession } from './dashboard-session';

const refuse = (response: Response, statusCode: 401 | 403 | 405, message: string) =>
  response.status(statusCode).json({ statusCode, error: { 401: 'Unauthorized', 403: 'Forbidden', 405: 'Method Not Allowed' }[statusCode], message });

// bull-board's page styles its loading placeholder inline and resolves its files against <base href>; scripts,
// connections and frames stay as strict as the site's.
const DASHBOARD_CSP = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("base-uri 'none'", "base-uri 'self'");

/**
 * In front of every dashboard request: a secrecy administrator, by the short-lived cookie the page obtained with
 * its Bearer token (or by that token itself, for scripts); 401 for anyone else, 403 for other roles. Read-only:
 * anything but GET/HEAD is refused before bull-board sees it, whatever its own settings.
 */
@Injectable()
export class DashboardAccessMiddleware implements NestMiddleware {
  constructor(private readonly auth: AuthService, private readonly ring: KeyRing, private readonly em: EntityManager) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
      if (request.method !== 'GET' && request.method !== 'HEAD') return void refuse(response, 405, 'the queue dashboard is read-only');
      const roles = await this.rolesOf(request);
      if (!roles) return void refuse(response, 401, 'sign in as a secrecy administrator on the reviewer page, then open 队列监控 (the dashboard session lasts 10 minutes)');
      if (!roles.includes('admin')) return void refuse(response, 403, 'only a secrecy administrator may see the queue dashboard');
      next();
    } catch (error) {
      next(error);
    }
  }

  private async rolesOf(request: Request): Promise<string[] | null> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
    if (bearer) {
      try {
        return (await this.auth.authenticateToken(bearer[1])).roles;
      } catch {
        return null;
      }
    }
    const cookie = cookieValue(request.header('cookie'), DASHBOARD_COOKIE);
    const userId = cookie ? verifyDashboardSession(this.ring, cookie) : null;
    if (!userId) return null;
    // Checked on every request: a deactivated account or a removed role ends the dashboard session at once.
    const user = await this.em.fork().findOne(User, { id: userId });
    return user && user.active ? user.roles : null;
  }
}
