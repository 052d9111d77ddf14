import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { User } from './entities/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { verifyPassword } from './password';
import { PASSWORD_RULES } from './password-rules';
import { auditActor, UserPrincipal } from './principal';
import { lockUser, setEmail, setPassword } from './user-lifecycle';

export interface AccountView {
  username: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  unit: { code: string; name: string };
  createdAt: Date;
  passwordRules: typeof PASSWORD_RULES;
}

/** What a signed-in person may change of their own account: the password (knowing the current one) and the e-mail. */
@Injectable()
export class AccountService {
  constructor(private readonly em: EntityManager, private readonly throttle: LoginThrottleService, private readonly audit: AuditService) {}

  async view(principal: UserPrincipal): Promise<AccountView> {
    const user = await this.em.fork().findOneOrFail(User, { id: principal.userId }, { populate: ['unit'] });
    return {
      username: user.username, displayName: user.displayName ?? null, email: user.email ?? null, roles: user.roles,
      unit: { code: user.unit.code, name: user.unit.name }, createdAt: user.createdAt, passwordRules: PASSWORD_RULES,
    };
  }

  /**
   * Counted against the sign-in limits like a sign-in, so the form is no way round them; a wrong current
   * password is 422 on currentPassword (not 401: the session itself is fine). Every other session ends.
   */
  async changePassword(principal: UserPrincipal, currentPassword: string, newPassword: string, address: string): Promise<{ endedSessions: number }> {
    const attempt = await this.throttle.begin(principal.username, address);
    const stored = await this.em.fork().findOneOrFail(User, { id: principal.userId });
    if (!(await verifyPassword(currentPassword, stored.passwordHash))) {
      await this.throttle.failed(attempt);
      throw new DomainError('unprocessable', 'the current password is wrong', 'currentPassword');
    }
    await this.throttle.succeeded(attempt);
    if (currentPassword === newPassword) throw new DomainError('unprocessable', 'the new password must differ from the current one', 'newPassword');
    return inTransaction(this.em, async ({ em }) => {
      const user = await lockUser(em, principal.username);
      // The hash changed between the check and the lock: someone else set it; the person must look again.
      if (user.passwordHash !== stored.passwordHash) throw new DomainError('conflict', 'the password was changed meanwhile; sign in again with the new one');
      return setPassword(em, this.audit, user, newPassword, { reason: 'password-changed', actor: auditActor(principal), keep: principal.sessionId });
    });
  }

  async update(principal: UserPrincipal, change: { email?: string | null }): Promise<AccountView> {
    if (change.email !== undefined) {
      await inTransaction(this.em, async ({ em }) => setEmail(em, this.audit, await lockUser(em, principal.username), change.email ?? null, auditActor(principal)));
    }
    return this.view(principal);
  }
}
