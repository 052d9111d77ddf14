import { EntityRepository } from '@mikro-orm/core';
import type { AuditCheckpoint } from './audit-checkpoint.entity';

export class AuditCheckpointRepository extends EntityRepository<AuditCheckpoint> {
  async latest(): Promise<AuditCheckpoint | null> {
    const [last] = await this.find({}, { orderBy: { number: 'desc' }, limit: 1, disableIdentityMap: true });
    return last ?? null;
  }

  all(): Promise<AuditCheckpoint[]> {
    return this.find({}, { orderBy: { number: 'asc' }, disableIdentityMap: true });
  }
}
