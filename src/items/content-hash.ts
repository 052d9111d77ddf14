import type { Format } from '@clearance/scanner';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

export interface HashedContent {
  title: string;
  body: string;
  format: Format;
  /** The revision's attachments in order; absent or empty for an item without any. */
  attachments?: ReadonlyArray<{ filename: string; sha256: string }>;
  /** Set on a Revision row: how many attachments the hash must cover. */
  attachmentCount?: number;
}

/**
 * sha256 of the canonical {body, format, title} and, when there are attachments, their ordered (filename, sha256):
 * what a reviewer saw and what is released. Without attachments the hash is exactly the one stored before they existed.
 */
export function contentHash(content: HashedContent): string {
  const attachments = content.attachments ?? [];
  if (content.attachmentCount !== undefined && content.attachmentCount !== attachments.length) {
    // A revision row alone does not hold its attachments: hashing it without them would give another revision's hash.
    throw new Error(`contentHash: the revision has ${content.attachmentCount} attachment(s) and ${attachments.length} were given; use revisionContentHash()`);
  }
  const canonical: Record<string, unknown> = { title: content.title, body: content.body, format: content.format };
  if (attachments.length > 0) canonical.attachments = attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 }));
  return createHash('sha256').update(canonicalJson(canonical), 'utf8').digest('hex');
}
