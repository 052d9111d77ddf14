import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeSecret } from './webhook-signature';

/**
 * A channel's download of one released attachment: every field is under an HMAC-SHA256 keyed with
 * the channel's webhook secret, so only that channel can use (or forge) the link.
 */
export interface AttachmentLinkClaims {
  deliveryId: string;
  itemId: string;
  revision: number;
  /** 0-based position of the attachment in the revision. */
  index: number;
  /** Unix seconds; the link stops working at this instant. */
  expires: number;
}

export type LinkCheck = 'valid' | 'bad-signature' | 'expired';

// Domain separation: a webhook signature (over "<id>.<timestamp>.<body>") can never pass as a link signature.
const PURPOSE = 'clearance.attachment-link.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]{43}$/;
const MAX_INDEX = 10_000;

function mac(secret: string, claims: AttachmentLinkClaims): Buffer {
  const message = [PURPOSE, claims.deliveryId, claims.itemId, claims.revision, claims.index, claims.expires].join('\n');
  return createHmac('sha256', decodeSecret(secret)).update(message, 'utf8').digest();
}

/** The link's signature, base64url without padding. */
export function signAttachmentLink(secret: string, claims: AttachmentLinkClaims): string {
  return mac(secret, claims).toString('base64url');
}

/** The path and query of the download; the caller puts the service's public base URL in front. */
export function attachmentLinkPath(claims: AttachmentLinkClaims, signature: string): string {
  const query = new URLSearchParams({ item: claims.itemId, revision: String(claims.revision), expires: String(claims.expires), signature });
  return `/api/v1/releases/${encodeURIComponent(claims.deliveryId)}/attachments/${claims.index}?${query.toString()}`;
}

/** An absolute download URL under `baseUrl` (which may carry a path prefix), signed with the channel's newest secret. */
export function attachmentLinkUrl(baseUrl: string, secret: string, claims: AttachmentLinkClaims): string {
  return `${baseUrl.replace(/\/+$/, '')}${attachmentLinkPath(claims, signAttachmentLink(secret, claims))}`;
}

/** What a link's path and query say, as sent; anything malformed is null, as good as a bad signature. */
export function parseAttachmentLink(raw: { deliveryId?: string; index?: string; item?: string; revision?: string; expires?: string }): AttachmentLinkClaims | null {
  const integer = (text: string | undefined, max: number): number | null => (text !== undefined && /^\d{1,12}$/.test(text) && Number(text) <= max ? Number(text) : null);
  const index = integer(raw.index, MAX_INDEX);
  const revision = integer(raw.revision, 2 ** 31 - 1);
  const expires = integer(raw.expires, 2 ** 40);
  if (!raw.deliveryId || !UUID.test(raw.deliveryId) || !raw.item || !UUID.test(raw.item) || index === null || revision === null || expires === null) return null;
  return { deliveryId: raw.deliveryId.toLowerCase(), itemId: raw.item.toLowerCase(), revision, index, expires };
}

/**
 * Checks the signature against each of the channel's secrets (both during a rotation, as webhooks are
 * signed) in constant time, then the expiry. The signature is checked first, so an altered expiry is a forgery.
 */
export function checkAttachmentLink(secrets: readonly string[], claims: AttachmentLinkClaims, signature: string | undefined, now = new Date()): LinkCheck {
  if (!signature || !BASE64URL.test(signature)) return 'bad-signature';
  // Compared as text, not decoded bytes: base64url's spare low bits would let two spellings of one signature pass.
  const given = Buffer.from(signature, 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(mac(secret, claims).toString('base64url'), 'utf8');
    // Every secret is tried even after a match, so the time taken does not say which one signed.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) return 'bad-signature';
  return claims.expires * 1000 > now.getTime() ? 'valid' : 'expired';
}
