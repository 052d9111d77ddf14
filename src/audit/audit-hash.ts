import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

export interface AuditContent {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  itemId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  data: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** sha256(previous hash + canonical content); the sequence number is inside, so reordering breaks it too. */
export function auditHash(prevHash: string, event: AuditContent): string {
  const content = canonicalJson({
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    action: event.action,
    itemId: event.itemId ?? null,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    data: event.data,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}
