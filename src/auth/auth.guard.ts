import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@clearance/workflow';
import type { Request } from 'express';
import { AUTH_KINDS, PrincipalKind } from './auth.decorators';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kinds = this.reflector.getAllAndOverride<PrincipalKind[]>(AUTH_KINDS, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const key = request.header('x-api-key');
    const authorization = request.header('authorization');
    let principal: Principal | undefined;
    if (key !== undefined && kinds.includes('client')) {
      principal = await this.auth.authenticateClient(key);
    } else if (authorization !== undefined && kinds.includes('user')) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new DomainError('unauthorized', 'Authorization must be "Bearer <token>"');
      principal = await this.auth.authenticateToken(match[1]);
    }
    if (!principal) {
      const wanted = kinds.map((k) => (k === 'client' ? 'an X-Api-Key header' : 'an Authorization: Bearer token')).join(' or ');
      throw new DomainError('unauthorized', `authentication required: send ${wanted}`);
    }
    request.principal = principal;
    return true;
  }
}
