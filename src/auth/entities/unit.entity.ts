import { Entity, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A government body or department that reviews its own items (单位). */
@Entity({ tableName: 'units' })
export class Unit {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
