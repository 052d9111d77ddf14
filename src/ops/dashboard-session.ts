import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from '../auth/secrets/key-ring';

/** Where the queue dashboard lives and the cookie that admits a browser to it (sent to that path only). */
export const DASHBOARD_PATH = '/ops/queues';
export const DASHBOARD_COOKIE = 'clearance_ops';
export const DASHBOARD_SESSION_SECONDS = 600;

/** A key of its own per secrets key (HKDF), so a dashboard cookie can never be mistaken for any sealed value. */
function macKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'clearance ops dashboard session', 32));
}

const mac = (key: Buffer, body: string): string => createHmac('sha256', macKey(key)).update(body, 'utf8').digest('base64url');

/** `<user id>.<expiry unix seconds>.<key id>.<HMAC>`: signed with the current secrets key, so every api process accepts it. */
export function signDashboardSession(ring: KeyRing, userId: string, now = Date.now()): string {
  const current = ring.keys[0];
  const body = `${userId}.${Math.floor(now / 1000) + DASHBOARD_SESSION_SECONDS}.${current.id}`;
  return `${body}.${mac(current.key, body)}`;
}

/** The user id a cookie was issued to, or null when it is malformed, forged, signed with an unknown key or expired. */
export function verifyDashboardSession(ring: KeyRing, cookie: string, now = Date.now()): string | null {
  const parts = cookie.split('.');
  if (parts.length !== 4) return null;
  const [userId, expires, keyId, signature] = parts;
  const key = ring.keys.find((k) => k.id === keyId);
  if (!key || !/^\d+$/.test(expires)) return null;
  const expected = Buffer.from(mac(key.key, `${userId}.${expires}.${keyId}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) * 1000 > now ? userId : null;
}

/** The value of one cookie from a Cookie header (no parser middleware is mounted). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
