import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import type { Revision } from '../items/entities/revision.entity';
import { AttachmentUpload, ReceivedFile, uploadsFromFiles, uploadsFromJson } from './attachment-upload';
import { BLOB_STORE, BlobStore } from './blob-store';
import { RevisionAttachment } from './entities/revision-attachment.entity';

export class AttachmentNotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found`);
  }
}

/** Attachments of revisions: what a submission carries in, how it is stored, and reading it back. */
@Injectable()
export class AttachmentsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, @Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  /** The attachments of a request, from its file parts if it had any, else from the JSON `attachments`; checked against the limits. */
  uploads(json: unknown, files: ReceivedFile[] | undefined): AttachmentUpload[] {
    return files && files.length > 0 ? uploadsFromFiles(files, this.config.attachments) : uploadsFromJson(json, this.config.attachments);
  }

  /** Whether `uploads` may return any: file parts, or JSON attachments that are not absent or empty (it reads nothing). */
  carriesFiles(json: unknown, files: ReceivedFile[] | undefined): boolean {
    return (files?.length ?? 0) > 0 || !(json === undefined || (Array.isArray(json) && json.length === 0));
  }

  /** Stores the bytes and one row per attachment, in the caller's transaction (the one writing the revision). */
  async store(em: EntityManager, revision: Revision, uploads: AttachmentUpload[]): Promise<RevisionAttachment[]> {
    const rows: RevisionAttachment[] = [];
    for (const [position, upload] of uploads.entries()) {
      const sha256 = await this.blobs.put(em, upload.bytes);
      rows.push(em.create(RevisionAttachment, { revision, position, filename: upload.filename, contentType: upload.contentType, size: upload.bytes.length, sha256 }));
    }
    revision.attachmentCount = rows.length;
    return rows;
  }

  listForRevision(em: EntityManager, revisionId: string): Promise<RevisionAttachment[]> {
    return em.getRepository(RevisionAttachment).forRevision(revisionId);
  }

  async read(em: EntityManager, sha256: string): Promise<Buffer> {
    const bytes = await this.blobs.get(em, sha256);
    if (!bytes) throw new AttachmentNotFoundError(`attachment content ${sha256}`);
    return bytes;
  }
}
