import { BeforeCreate, Entity, EntityRepositoryType, EventArgs, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { CoveredRow, EventAlgorithm } from './audit-hash';
import { AuditEventRepository } from './audit-event.repository';
import { sealEvent } from './audit-seal';

/**
 * Append-only record of every transition. Events link into one chain per item (`item:<id>`) or per
 * scope (`scope:channel`, `scope:lexicon`…): hash = H(prevHash + content, covered rows included). `seq` is the
 * global order, assigned by the database; signed checkpoints seal it (see audit-checkpointer.ts).
 */
@Entity({ tableName: 'audit_events', repository: () => AuditEventRepository })
@Unique({ properties: ['chain', 'position'] })
export class AuditEvent {
  [EntityRepositoryType]?: AuditEventRepository;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: Opt<number>;

  @Property({ type: 'datetime' })
  @Index()
  at!: Date;

  /** user:<username>, client:<name>, channel:<name>, system or cli */
  @Property({ type: 'string', length: 200 })
  actor!: string;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  @Index()
  itemId?: string;

  @Property({ type: 'string', length: 32, nullable: true })
  fromState?: string;

  @Property({ type: 'string', length: 32, nullable: true })
  toState?: string;

  @Property({ type: 'json' })
  data: Opt<Record<string, unknown>> = {};

  /** `item:<id>`, `scope:<area>`, or `legacy` for the single chain written before per-item chains. */
  @Property({ type: 'string', length: 64 })
  chain!: string;

  /** 1-based place in the chain; the legacy chain keeps its old sequence numbers here. */
  @Property({ type: 'integer' })
  position: Opt<number> = 0;

  /** Revisions and decisions of the item this event vouches for (those not covered by an earlier event of the item). */
  @Property({ type: 'json' })
  covers: Opt<CoveredRow[]> = [];

  @Property({ type: 'string', length: 16 })
  algorithm!: EventAlgorithm;

  @Property({ type: 'string', length: 64 })
  prevHash: Opt<string> = '';

  @Property({ type: 'string', length: 64 })
  hash: Opt<string> = '';

  // At flush, not at append: the revision a submission creates after its event is inserted in the same flush and covered.
  @BeforeCreate()
  async seal(args: EventArgs<AuditEvent>): Promise<void> {
    await sealEvent(this, args.em);
  }
}
