import type { Format } from '@clearance/scanner';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/** sha256 of the canonical {body, format, title}: what a reviewer saw and what is released. */
export function contentHash(content: { title: string; body: string; format: Format }): string {
  return createHash('sha256').update(canonicalJson({ title: content.title, body: content.body, format: content.format }), 'utf8').digest('hex');
}
