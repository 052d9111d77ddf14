import { EntityManager } from '@mikro-orm/core';
import { contentHash } from '../items/content-hash';
import type { Revision } from '../items/entities/revision.entity';
import { RevisionAttachment } from './entities/revision-attachment.entity';

/** The content hash of a stored revision recomputed from its text (body loaded) and its attachment rows: what a release must match. */
export async function revisionContentHash(em: EntityManager, revision: Revision): Promise<string> {
  const attachments = revision.attachmentCount > 0 ? await em.getRepository(RevisionAttachment).forRevision(revision.id) : [];
  return contentHash({ title: revision.title, body: revision.body, format: revision.format, attachmentCount: revision.attachmentCount, attachments });
}
