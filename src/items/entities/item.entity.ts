import { Entity, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ItemState, Level } from '@clearance/workflow';
import { ApiClient } from '../../auth/entities/api-client.entity';
import { Unit } from '../../auth/entities/unit.entity';
import { ItemRepository } from '../item.repository';

export interface ItemAuthor {
  id: string;
  name: string;
}

/** One piece of content a CMS wants published; its text lives in revisions. */
@Entity({ tableName: 'items', repository: () => ItemRepository })
@Unique({ properties: ['client', 'externalId'] })
@Index({ properties: ['unit', 'state'] })
export class Item {
  [EntityRepositoryType]?: ItemRepository;

  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => ApiClient)
  client!: ApiClient;

  @Property({ type: 'string', length: 200 })
  externalId!: string;

  @ManyToOne(() => Unit)
  unit!: Unit;

  @Property({ type: 'json' })
  channels: Opt<string[]> = [];

  @Property({ type: 'json', nullable: true })
  author?: ItemAuthor | null;

  @Property({ type: 'string', length: 2000, nullable: true })
  callbackUrl?: string | null;

  @Property({ type: 'string', length: 32 })
  @Index()
  state!: ItemState;

  /** Number of the current revision. */
  @Property({ type: 'integer' })
  revision: Opt<number> = 1;

  /** Level an item was referred from, to return it there. */
  @Property({ type: 'string', length: 16, nullable: true })
  referredFrom?: Level | null;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  stateChangedAt: Opt<Date> = new Date();
}
