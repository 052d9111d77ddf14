import { Entity, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Revision } from '../../items/entities/revision.entity';
import { RevisionAttachmentRepository } from '../revision-attachment.repository';

/** One file submitted with a revision, in the order the CMS sent it; immutable like the revision. */
@Entity({ tableName: 'revision_attachments', repository: () => RevisionAttachmentRepository })
@Unique({ properties: ['revision', 'position'] })
export class RevisionAttachment {
  [EntityRepositoryType]?: RevisionAttachmentRepository;

  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Revision)
  revision!: Revision;

  /** 0-based place in the submitted list: the index every view, hit and download uses. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  /** As declared by the sender; shown to reviewers, never used to decide the format (the bytes do). */
  @Property({ type: 'string', length: 255 })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  // No foreign key to blobs: the bytes sit behind the BlobStore interface and may live outside the database.
  @Property({ type: 'string', length: 64, columnType: 'char(64)' })
  @Index()
  sha256!: string;
}
