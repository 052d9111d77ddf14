import { Collection, Entity, ManyToMany, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SealedStringType } from '../secrets/sealed-types';
import { Unit } from './unit.entity';

/** A CMS that submits items. Only the SHA-256 of its key is kept; the key is shown once. */
@Entity({ tableName: 'api_clients' })
export class ApiClient {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 200, unique: true })
  name!: string;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash!: string;

  /** Signs callbacks to the CMS; an HMAC key must be kept readable, so it is sealed (AES-256-GCM), not hashed. */
  @Property({ type: new SealedStringType('callback-secret'), length: 200, hidden: true })
  callbackSecret!: string;

  /** The units this CMS may submit for, registered by the operator. */
  @ManyToMany({ entity: () => Unit, pivotTable: 'api_client_units', joinColumn: 'api_client_id', inverseJoinColumn: 'unit_id' })
  units = new Collection<Unit>(this);

  /** Normalised origins (see callback-origins.ts) its callbackUrl may point at; none means no callbacks. */
  @Property({ type: 'json' })
  callbackOrigins: Opt<string[]> = [];

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
