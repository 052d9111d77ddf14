import { Entity, EntityRepositoryType, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditHeadRepository } from './audit-head.repository';

/**
 * The end of one chain, locked by each append to that chain only: appends to different items never wait
 * for each other. A cache for appending, not evidence — audit:verify trusts the events and the checkpoints.
 */
@Entity({ tableName: 'audit_heads', repository: () => AuditHeadRepository })
export class AuditHead {
  [EntityRepositoryType]?: AuditHeadRepository;

  @PrimaryKey({ type: 'string', length: 64 })
  chain!: string;

  /** Number of events in the chain. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 64 })
  lastHash!: string;

  /** Keys (`revision:2`, `decision:<id>`) of the item rows already covered by an event of this chain. */
  @Property({ type: 'json' })
  covered: Opt<string[]> = [];

  /** Set on the legacy chain when the upgrade found it already broken: what was wrong, as found then. */
  @Property({ type: 'text', nullable: true })
  broken?: string | null;
}
