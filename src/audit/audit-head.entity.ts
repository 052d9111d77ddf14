import { Entity, PrimaryKey, Property, Opt } from '@mikro-orm/core';

/** Single row locked by every append, so concurrent transactions extend the chain one at a time. */
@Entity({ tableName: 'audit_head' })
export class AuditHead {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: Opt<number> = 1;

  @Property({ type: 'string', length: 64 })
  lastHash!: string;

  @Property({ type: 'integer' })
  count: Opt<number> = 0;
}
