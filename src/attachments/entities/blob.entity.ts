import { Entity, PrimaryKey, Property, Opt } from '@mikro-orm/core';

/** The bytes of one attachment, stored once however many revisions carry them (content-addressed by SHA-256). */
@Entity({ tableName: 'blobs' })
export class Blob {
  @PrimaryKey({ type: 'string', length: 64, columnType: 'char(64)' })
  sha256!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'blob', lazy: true })
  data!: Buffer;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
