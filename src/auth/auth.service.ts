import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@clearance/workflow';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { SettingsService } from '../database/settings.service';
import { hashApiKey } from './api-key';
import { ApiClient } from './entities/api-client.entity';
import { User } from './entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH, verifyPassword } from './password';
import type { ClientPrincipal, TokenClaims, UserPrincipal } from './principal';
import { KeyRing } from './secrets/key-ring';

const WRONG_CREDENTIALS = 'wrong username or password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly settings: SettingsService,
    private readonly throttle: LoginThrottleService,
    private readonly keys: KeyRing,
  ) {}

  /** JWT_SECRET, or a key generated once and kept sealed in the database: a copy of the database alone mints no token. */
  private async secret(): Promise<string> {
    if (this.config.auth.jwtSecret) return this.config.auth.jwtSecret;
    const sealed = await this.settings.getOrCreate('jwt-key', () => this.keys.seal(randomBytes(48).toString('base64'), 'jwt-key'));
    return this.keys.open(sealed, 'jwt-key');
  }

  async login(username: string, password: string, address: string): Promise<{ accessToken: string; expiresIn: number; user: { username: string; roles: string[]; unit: string } }> {
    // Counted before the password is checked: concurrent guesses cannot all slip under the limit.
    const attempt = await this.throttle.begin(username, address);
    const user = await this.em.fork().findOne(User, { username: username.trim() }, { populate: ['unit'] });
    // Verify against a dummy hash for unknown users so the answer takes as long either way.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.throttle.failed(attempt);
      throw new DomainError('unauthorized', WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(attempt);
    const claims: TokenClaims = { sub: user.id, username: user.username, roles: user.roles, unit: user.unit.id, unitCode: user.unit.code };
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { secret: await this.secret(), expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresIn, user: { username: user.username, roles: user.roles, unit: user.unit.code } };
  }

  /** Checks the token, then the user as stored now: a deactivated user or a changed role takes effect at once. */
  async authenticateToken(token: string): Promise<UserPrincipal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: await this.secret(), algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new DomainError('unauthorized', expired ? 'the session has expired: sign in again' : 'the token is not valid');
    }
    const user = await this.em.fork().findOne(User, { id: claims.sub }, { populate: ['unit'] });
    if (!user || !user.active) throw new DomainError('unauthorized', 'the account is no longer active');
    return { kind: 'user', userId: user.id, username: user.username, roles: user.roles, unitId: user.unit.id, unitCode: user.unit.code };
  }

  async authenticateClient(key: string): Promise<ClientPrincipal> {
    const client = key ? await this.em.fork().findOne(ApiClient, { keyHash: hashApiKey(key) }) : null;
    if (!client || !client.active) throw new DomainError('unauthorized', 'the API key is not valid');
    return { kind: 'client', clientId: client.id, name: client.name };
  }
}
