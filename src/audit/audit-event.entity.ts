import { Entity, Index, PrimaryKey, Property, Opt } from '@mikro-orm/core';

/** Append-only, hash-chained record of every transition: hash = sha256(prevHash + canonical content). */
@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  @Property({ type: 'datetime' })
  @Index()
  at!: Date;

  /** user:<username>, client:<name>, system or cli */
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

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
