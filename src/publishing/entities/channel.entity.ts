import { Entity, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A publishing channel (portal, WeChat account, display screens, gazette) that receives signed releases. */
@Entity({ tableName: 'channels' })
export class Channel {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  /** Standard Webhooks secrets (whsec_…), newest first; two during a rotation, and every request carries both signatures. */
  @Property({ type: 'json', hidden: true })
  secrets!: string[];

  /** Deactivated channels are kept for the record of what was sent to them, but receive nothing more. */
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
