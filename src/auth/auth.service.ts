import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@clearance/workflow';
import { randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { SettingsService } from '../database/settings.service';
import { hashApiKey } from './api-key';
import { clientByKey } from './client-units';
import { User } from './entities/user.entity';
import { UserSession } from './entities/user-session.entity';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH, verifyPassword } from './password';
import type { ClientPrincipal, TokenClaims, UserPrincipal } from './principal';
import { KeyRing } from './secrets/key-ring';

const WRONG_CREDENTIALS = 'wrong username or password';
const SESSION_RECORD_DAYS = 30;

/** The signed-in person as the page shows them: names beside codes. */
export interface SessionUser {
  username: string;
  displayName: string | null;
  roles: string[];
  unit: string;
  unitName: string;
}

export interface TokenAnswer {
  accessToken: string;
  /** Seconds this token is valid: TOKEN_TTL_SECONDS (the idle timeout), less near the session's cap. */
  expiresIn: number;
  /** When the session ends whatever the renewals (SESSION_MAX_SECONDS after sign-in). */
  sessionExpiresAt: string;
  user: SessionUser;
}

export function sessionUserOf(user: User): SessionUser {
  return { username: user.username, displayName: user.displayName ?? null, roles: user.roles, unit: user.unit.code, unitName: user.unit.name };
}

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

  /** The user with this password, counted against the sign-in limits; 401 for a wrong pair or an inactive account. */
  async checkPassword(username: string, password: string, address: string): Promise<User> {
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
    return user;
  }

  async login(username: string, password: string, address: string): Promise<TokenAnswer> {
    const user = await this.checkPassword(username, password, address);
    const em = this.em.fork();
    const now = new Date();
    const session = em.create(UserSession, {
      user: em.getReference(User, user.id), createdAt: now, renewedAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.sessionMaxSeconds * 1000), address: address.slice(0, 64) || undefined,
    });
    // Sessions are kept a while after they end as a record of sign-ins, then dropped as the person signs in again.
    await em.nativeDelete(UserSession, { user: user.id, expiresAt: { $lt: new Date(now.getTime() - SESSION_RECORD_DAYS * 86_400_000) } });
    await em.flush();
    return this.issue(user, session, now);
  }

  /** A token for the session, valid for the idle timeout but never past the session's cap. */
  async issue(user: User, session: UserSession, now = new Date()): Promise<TokenAnswer> {
    const expiresIn = Math.min(this.config.auth.tokenTtlSeconds, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
    if (expiresIn < 1) throw new DomainError('unauthorized', 'the session has reached its maximum length: sign in again');
    const claims: TokenClaims = { sub: user.id, username: user.username, roles: user.roles, unit: user.unit.id, unitCode: user.unit.code, sid: session.id };
    const accessToken = await this.jwt.signAsync(claims, { secret: await this.secret(), expiresIn, algorithm: 'HS256', jwtid: randomUUID() });
    return { accessToken, expiresIn, sessionExpiresAt: session.expiresAt.toISOString(), user: sessionUserOf(user) };
  }

  /**
   * Checks the token, then its session and user as stored now, in one indexed lookup (session by primary key,
   * joined to its user and unit): logout, a password change, a deactivation or a changed role take effect at once.
   */
  async authenticateToken(token: string): Promise<UserPrincipal> {
    const session = await this.sessionOf(token);
    const user = session.user;
    return { kind: 'user', userId: user.id, username: user.username, roles: user.roles, unitId: user.unit.id, unitCode: user.unit.code, sessionId: session.id };
  }

  /** The open session a valid token belongs to, with its user and unit loaded; 401 otherwise. */
  async sessionOf(token: string, em: EntityManager = this.em.fork()): Promise<UserSession> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: await this.secret(), algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new DomainError('unauthorized', expired ? 'the session has expired: sign in again' : 'the token is not valid');
    }
    // Tokens from before sessions were recorded carry no sid: they end once, at the upgrade.
    if (typeof claims.sid !== 'string') throw new DomainError('unauthorized', 'the session has ended: sign in again');
    const session = await em.findOne(UserSession, { id: claims.sid }, { populate: ['user', 'user.unit'], strategy: 'joined' });
    if (!session || session.user.id !== claims.sub) throw new DomainError('unauthorized', 'the token is not valid');
    if (!session.user.active) throw new DomainError('unauthorized', 'the account is no longer active');
    if (session.endedAt) throw new DomainError('unauthorized', 'the session has ended: sign in again');
    if (session.expiresAt.getTime() <= Date.now()) throw new DomainError('unauthorized', 'the session has reached its maximum length: sign in again');
    return session;
  }

  /** A fresh token for the same session while the current one is valid: activity keeps a session alive up to its cap. */
  async refresh(token: string): Promise<TokenAnswer> {
    const em = this.em.fork();
    const session = await this.sessionOf(token, em);
    const now = new Date();
    const answer = await this.issue(session.user, session, now);
    session.renewedAt = now;
    await em.flush();
    return answer;
  }

  /** Ends the session the token belongs to; its tokens, renewed ones included, are refused from now on. */
  async logout(sessionId: string): Promise<void> {
    await this.em.fork().nativeUpdate(UserSession, { id: sessionId, endedAt: null }, { endedAt: new Date(), endReason: 'logout' });
  }

  async authenticateClient(key: string): Promise<ClientPrincipal> {
    // One plain statement with the client's units: every CMS request runs it, and a submission needs the units.
    const rows = key ? await clientByKey(this.em, hashApiKey(key)) : [];
    const client = rows[0];
    if (!client || !client.active) throw new DomainError('unauthorized', 'the API key is not valid');
    const units = rows.flatMap((r) => (r.unit_id && r.unit_code ? [{ id: r.unit_id, code: r.unit_code }] : []));
    return { kind: 'client', clientId: client.id, name: client.name, units };
  }
}
