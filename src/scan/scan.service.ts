import { EntityManager, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { ItemTransitions } from '../items/item-transitions.service';
import { inTransaction } from '../database/transaction';
import { ScannerService } from './scanner.service';

export type ScanOutcome = 'skipped' | 'blocked' | 'awaiting_filler';

/** Carries one revision through the scanner. Safe to run twice: it re-reads the item and does nothing once it has moved on. */
@Injectable()
export class ScanService {
  private readonly logger = new Logger(ScanService.name);

  constructor(private readonly em: EntityManager, private readonly transitions: ItemTransitions, private readonly scanner: ScannerService) {}

  async scanRevision(itemId: string, revisionNumber: number): Promise<ScanOutcome> {
    const started = await inTransaction(this.em, async (tx) => {
      const item = await tx.em.findOne(Item, { id: itemId });
      if (!item || item.revision !== revisionNumber || (item.state !== 'submitted' && item.state !== 'scanning')) return false;
      if (item.state === 'submitted') await this.transitions.move(tx, item, 'scanning', 'system');
      return true;
    }).catch((error) => {
      if (error instanceof OptimisticLockError) return false;
      throw error;
    });
    if (!started) return 'skipped';

    const em = this.em.fork();
    const revision = await em.findOneOrFail(Revision, { item: itemId, number: revisionNumber }, { populate: ['body'] });
    // A crash after the scan was stored but before the state moved leaves the stored scan to reuse.
    let scan = await em.findOne(Scan, { revision });
    if (!scan) {
      const result = await this.scanner.scan({ title: revision.title, body: revision.body, format: revision.format });
      scan = em.create(Scan, {
        revision, verdict: result.verdict, hits: result.hits, keywords: result.keywords,
        lexiconVersion: result.lexiconVersion, rulesVersion: result.rulesVersion, durationMs: Math.round(result.durationMs),
      });
      try {
        await em.flush();
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        scan = await this.em.fork().findOneOrFail(Scan, { revision: revision.id });
      }
    }
    const verdict = scan.verdict;
    const hitCounts = countBy(scan.hits.map((h) => h.category));
    try {
      return await inTransaction(this.em, async (tx) => {
        const item = await tx.em.findOne(Item, { id: itemId });
        if (!item || item.revision !== revisionNumber || item.state !== 'scanning') return 'skipped';
        const to = verdict === 'block' ? 'blocked' : 'awaiting_filler';
        await this.transitions.move(tx, item, to, 'system', { verdict, hitCounts });
        return to;
      });
    } catch (error) {
      // Someone else finished this scan at the same moment: their transition stands.
      if (error instanceof OptimisticLockError) return 'skipped';
      throw error;
    }
  }
}

export function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
