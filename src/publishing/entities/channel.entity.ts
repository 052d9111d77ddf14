import { Entity, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Unit } from '../../auth/entities/unit.entity';
import { SealedStringArrayType } from '../../auth/secrets/sealed-types';

/** A publishing channel (portal, WeChat account, display screens, gazette) that receives signed releases. */
@Entity({ tableName: 'channels' })
export class Channel {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  /** The unit whose admins manage it and whose items may use it; null for a service-wide channel (operator only). */
  @ManyToOne(() => Unit, { nullable: true })
  unit?: Unit | null;

  /** Standard Webhooks secrets (whsec_…), newest first; two during a rotation, and every request carries both signatures. Sealed at rest. */
  @Property({ type: new SealedStringArrayType('channel-secret'), hidden: true })
  secrets!: string[];

  /** Registered by the operator (CLI): sent to as given. Otherwise added by a unit's admin, and its address is checked on every send. */
  @Property({ type: 'boolean' })
  trusted: Opt<boolean> = false;

  /** Deactivated channels are kept for the record of what was sent to them, but receive nothing more. */
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
