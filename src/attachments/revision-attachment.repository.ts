import { EntityRepository } from '@mikro-orm/core';
import type { RevisionAttachment } from './entities/revision-attachment.entity';

export class RevisionAttachmentRepository extends EntityRepository<RevisionAttachment> {
  /** The attachments of one revision in submitted order. */
  forRevision(revisionId: string): Promise<RevisionAttachment[]> {
    return this.find({ revision: revisionId }, { orderBy: { position: 'asc' } });
  }

  /** Attachments of many revisions at once, grouped by revision id, each list in submitted order. */
  async forRevisions(revisionIds: string[]): Promise<Map<string, RevisionAttachment[]>> {
    const grouped = new Map<string, RevisionAttachment[]>();
    if (revisionIds.length === 0) return grouped;
    const rows = await this.find({ revision: { $in: revisionIds } }, { orderBy: { revision: 'asc', position: 'asc' } });
    for (const row of rows) {
      const id = row.revision.id;
      grouped.set(id, [...(grouped.get(id) ?? []), row]);
    }
    return grouped;
  }
}
