import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditAlgorithm } from './audit-hash';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';

/** What the first checkpoint says of the single chain written before per-item chains, as verified at the upgrade. */
export interface LegacySeal {
  events: number;
  head: string;
  /** Why the old chain did not verify at the upgrade; null when it did. */
  broken: string | null;
}

/**
 * A seal over the events with firstSeq <= seq <= lastSeq: the RFC 6962 Merkle root of their (seq, hash), linked to
 * the previous checkpoint and signed with a key kept outside the database. Numbers run 1, 2, 3… without gaps.
 */
@Entity({ tableName: 'audit_checkpoints', repository: () => AuditCheckpointRepository })
export class AuditCheckpoint {
  [EntityRepositoryType]?: AuditCheckpointRepository;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  number!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'string', length: 16 })
  algorithm!: AuditAlgorithm;

  @Property({ type: 'integer' })
  firstSeq!: number;

  @Property({ type: 'integer' })
  lastSeq!: number;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'string', length: 64 })
  root!: string;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'json', nullable: true })
  legacy?: LegacySeal | null;

  @Property({ type: 'string', length: 64, nullable: true })
  keyId?: string | null;

  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'text', nullable: true })
  signature?: string | null;
}
