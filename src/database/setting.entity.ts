import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Service-wide values generated once and shared by every process (e.g. the token signing secret). */
@Entity({ tableName: 'settings' })
export class Setting {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text', hidden: true })
  value!: string;
}
