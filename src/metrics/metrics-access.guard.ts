import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * /metrics answers METRICS_TOKEN (a scraper) or a secrecy administrator's session; anyone else 401, a signed-in
 * reviewer without the admin role 403. The configured token is kept only as its SHA-256 and compared in constant time.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly tokenHash?: Buffer;

  constructor(private readonly auth: AuthService, @Inject(APP_CONFIG) config: AppConfig) {
    if (config.metrics.token) this.tokenHash = digest(config.metrics.token);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
    if (!match) throw new DomainError('unauthorized', 'authentication required: send an Authorization: Bearer token (METRICS_TOKEN or a secrecy administrator\'s session)');
    if (this.tokenHash && timingSafeEqual(digest(match[1]), this.tokenHash)) return true;
    const user = await this.auth.authenticateToken(match[1]);
    if (!user.roles.includes('admin')) throw new DomainError('forbidden', 'only a secrecy administrator (or METRICS_TOKEN) may read the metrics');
    return true;
  }
}
