import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/** The hash functions an install may choose (AUDIT_HASH); SM3 is GB/T 32905, named by DA/T 97-2023. Both give 32 bytes. */
export const AUDIT_ALGORITHMS = ['sha256', 'sm3'] as const;
export type AuditAlgorithm = (typeof AUDIT_ALGORITHMS)[number];

/** Events written before per-item chains: one global chain, hashed with sha256 over (prevHash + content incl. seq). */
export const LEGACY_ALGORITHM = 'legacy-sha256';
export type EventAlgorithm = AuditAlgorithm | typeof LEGACY_ALGORITHM;

export const GENESIS_HASH = '0'.repeat(64);

export function isAuditAlgorithm(value: unknown): value is AuditAlgorithm {
  return (AUDIT_ALGORITHMS as readonly unknown[]).includes(value);
}

export function digest(algorithm: AuditAlgorithm, ...parts: Array<string | Buffer>): Buffer {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function hexDigest(algorithm: AuditAlgorithm, ...parts: Array<string | Buffer>): string {
  return digest(algorithm, ...parts).toString('hex');
}

/** The content of one event as its hash commits to it. */
export interface EventContent {
  chain: string;
  position: number;
  at: Date;
  actor: string;
  action: string;
  itemId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  data: Record<string, unknown>;
  covers: ReadonlyArray<CoveredRow>;
}

/** One revision or decision row an event vouches for: its key within the item and the hash of its fields. */
export interface CoveredRow {
  kind: 'revision' | 'decision';
  key: string;
  hash: string;
}

/**
 * H(prevHash "\n" canonical content). The global seq is not inside: it is assigned by the database on insert.
 * Checkpoints commit to it instead (their Merkle leaves are seq + hash), and the chain and position pin the order.
 */
export function eventHash(algorithm: AuditAlgorithm, prevHash: string, event: EventContent): string {
  const content = canonicalJson({
    chain: event.chain,
    position: event.position,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    action: event.action,
    itemId: event.itemId ?? null,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    data: event.data,
    covers: event.covers.map((row) => ({ kind: row.kind, key: row.key, hash: row.hash })),
  });
  return hexDigest(algorithm, prevHash, '\n', content);
}

export interface LegacyEventContent {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  itemId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  data: Record<string, unknown>;
}

/** The hash of the single global chain used before per-item chains; kept to verify and seal those events. */
export function legacyEventHash(prevHash: string, event: LegacyEventContent): string {
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
