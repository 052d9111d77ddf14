import { Entity, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Role } from '@clearance/workflow';
import { Unit } from './unit.entity';

/** A reviewer or secrecy administrator of one unit. */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName?: string;

  /** Where notifications to this person go; null when none was given. */
  @Property({ type: 'string', length: 320, nullable: true })
  email?: string | null;

  /** scrypt$N$r$p$salt$hash, see password.ts */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Property({ type: 'json' })
  roles: Opt<Role[]> = [];

  @ManyToOne(() => Unit)
  unit!: Unit;

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
