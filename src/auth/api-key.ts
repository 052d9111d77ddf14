import { createHash, randomBytes } from 'node:crypto';

/** Keys are 32 random bytes: SHA-256 suffices to store them (no dictionary to guard against). */
export function newApiKey(): string {
  return `clk_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
