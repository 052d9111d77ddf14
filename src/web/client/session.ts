import type { LoginAnswer, User } from './wire.js';

const KEY = 'clearance.session';

export interface Session {
  token: string;
  expiresAt: number;
  /** The session's cap (SESSION_MAX_SECONDS after sign-in); absent from a session stored by an older page. */
  endsAt?: number;
  /** When this token was issued: the page renews on activity at most once a minute. */
  issuedAt?: number;
  user: User;
}

/** The signed-in reviewer, kept for this tab only and dropped once the token has expired. */
export function currentSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token === 'string' && session.expiresAt > now) return session;
  } catch {
    // a damaged entry is treated as signed out
  }
  sessionStorage.removeItem(KEY);
  return null;
}

/** A sign-in's answer, or a renewal's (the same shape: a new token for the same session). */
export function startSession(answer: LoginAnswer, now = Date.now()): Session {
  const endsAt = answer.sessionExpiresAt ? Date.parse(answer.sessionExpiresAt) : undefined;
  const session: Session = { token: answer.accessToken, expiresAt: now + answer.expiresIn * 1000, issuedAt: now, user: answer.user, ...(endsAt ? { endsAt } : {}) };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}

/** The name to show for the signed-in person and their unit: display names where the server gave them. */
export function whoIs(user: User): { name: string; unit: string } {
  return { name: user.displayName || user.username, unit: user.unitName || user.unit };
}
