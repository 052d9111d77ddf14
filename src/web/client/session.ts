import type { LoginAnswer, User } from './wire.js';

const KEY = 'clearance.session';

export interface Session {
  token: string;
  expiresAt: number;
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

export function startSession(answer: LoginAnswer, now = Date.now()): Session {
  const session: Session = { token: answer.accessToken, expiresAt: now + answer.expiresIn * 1000, user: answer.user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}
