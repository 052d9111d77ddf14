import { EntityRepository } from '@mikro-orm/core';
import type { ScanPart } from './entities/scan-part.entity';

export class ScanPartRepository extends EntityRepository<ScanPart> {
  /** The stored parts of one attachment of one scan, in the scanner's order. */
  forAttachment(scanId: string, attachmentIndex: number): Promise<ScanPart[]> {
    return this.find({ scan: scanId, attachmentIndex }, { orderBy: { partIndex: 'asc' } });
  }
}
