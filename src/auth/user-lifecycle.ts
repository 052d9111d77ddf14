import { EntityManager, LockMode } from '@mikro-orm/core';
import { DomainError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { User } from './entities/user.entity';
import { SessionEndReason, UserSession } from './entities/user-session.entity';
import { hashPassword } from './password';
import { passwordProblem } from './password-rules';

/**
 * Changes to a person's account, shared by the CLI (operator) and the account page (the person). Each runs
 * inside the caller's transaction, takes the user row first, and is audited on the `user` chain.
 */

/** The user row, locked for the change (no join: the unit row stays free). */
export async function lockUser(em: EntityManager, username: string): Promise<User> {
  const user = await em.findOne(User, { username }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!user) throw new DomainError('not_found', `user ${username} does not exist`, 'username');
  return user;
}

/** Ends the user's open sessions (all, or all but `keep`): their tokens are refused from the next request. */
export async function endSessions(em: EntityManager, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
  const where = { user: userId, endedAt: null, ...(keep ? { id: { $ne: keep } } : {}) };
  return em.nativeUpdate(UserSession, where, { endedAt: new Date(), endReason: reason });
}

export async function deactivateUser(em: EntityManager, audit: AuditService, username: string, actor: string): Promise<{ changed: boolean; endedSessions: number }> {
  const user = await lockUser(em, username);
  const changed = user.active;
  user.active = false;
  const endedSessions = await endSessions(em, user.id, 'deactivated');
  if (changed || endedSessions > 0) await audit.append(em, { actor, action: 'user.deactivated', data: { id: user.id, username, endedSessions } });
  return { changed, endedSessions };
}

export async function reactivateUser(em: EntityManager, audit: AuditService, username: string, actor: string): Promise<{ changed: boolean }> {
  const user = await lockUser(em, username);
  if (user.active) return { changed: false };
  user.active = true;
  await audit.append(em, { actor, action: 'user.reactivated', data: { id: user.id, username } });
  return { changed: true };
}

/**
 * Sets a new password (checked against the rules, field `field`) and ends the user's sessions but `keep`:
 * `password-reset` by the operator, `password-changed` by the person, who keeps the session they changed it in.
 */
export async function setPassword(
  em: EntityManager, audit: AuditService, user: User, password: string,
  how: { reason: 'password-reset' | 'password-changed'; actor: string; keep?: string; field?: string },
): Promise<{ endedSessions: number }> {
  const problem = passwordProblem(password, user.username);
  if (problem) throw new DomainError('unprocessable', problem, how.field ?? 'newPassword');
  user.passwordHash = await hashPassword(password);
  const endedSessions = await endSessions(em, user.id, how.reason, how.keep);
  const action = how.reason === 'password-reset' ? 'user.password_reset' : 'user.password_changed';
  await audit.append(em, { actor: how.actor, action, data: { id: user.id, username: user.username, endedSessions } });
  return { endedSessions };
}

/** A plain address check: the mail server decides the rest, this only keeps typos and injection out. */
export function emailProblem(email: string): string | null {
  if (email.length > 320) return 'the e-mail address may have at most 320 characters';
  return /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/.test(email) ? null : 'the e-mail address is not valid (e.g. zhang@example.gov.cn)';
}

export async function setEmail(em: EntityManager, audit: AuditService, user: User, email: string | null, actor: string): Promise<void> {
  const value = email === null || email.trim() === '' ? null : email.trim();
  if (value !== null) {
    const problem = emailProblem(value);
    if (problem) throw new DomainError('unprocessable', problem, 'email');
  }
  if ((user.email ?? null) === value) return;
  user.email = value;
  await audit.append(em, { actor, action: 'user.email_changed', data: { id: user.id, username: user.username, email: value } });
}
