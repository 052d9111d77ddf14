import { EntityManager } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { QueueCursor } from '../items/item.repository';
import { ensureJob } from '../queue/ensure-job';
import { QUEUES, scanJobId } from '../queue/queues';
import { ReconcilerService } from '../queue/reconciler.service';

/** Items left in submitted or scanning get their scan job back, on `extract` when the revision has attachments. */
@Injectable()
export class ScanReconciler implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly reconciler: ReconcilerService,
    @InjectQueue(QUEUES.scan) private readonly scanQueue: Queue,
    @InjectQueue(QUEUES.extract) private readonly extractQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.reconciler.register('scan', () => this.reconcile());
  }

  /** Walks every item in submitted or scanning, a page at a time, and makes sure each has its scan job. */
  async reconcile(batch = 500): Promise<number> {
    let count = 0;
    let after: QueueCursor | undefined;
    for (;;) {
      const em = this.em.fork();
      const items = await em.getRepository(Item).inStates(['submitted', 'scanning'], batch, after);
      const withAttachments = await this.revisionsWithAttachments(em, items);
      for (const item of items) {
        const queue = withAttachments.has(`${item.id}/${item.revision}`) ? this.extractQueue : this.scanQueue;
        if (await ensureJob(queue, 'scan-revision', { itemId: item.id, revision: item.revision }, scanJobId(item.id, item.revision))) count++;
      }
      if (items.length < batch) return count;
      const last = items[items.length - 1];
      after = { at: last.stateChangedAt.toISOString(), id: last.id };
    }
  }

  /** `item/revision` keys of the current revisions that carry attachments, in one query for the page. */
  private async revisionsWithAttachments(em: EntityManager, items: Item[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const revisions = await em.find(
      Revision,
      { item: { $in: items.map((i) => i.id) }, attachmentCount: { $gt: 0 } },
      { fields: ['item', 'number'] },
    );
    const current = new Map(items.map((i) => [i.id, i.revision]));
    return new Set(revisions.filter((r) => current.get(r.item.id) === r.number).map((r) => `${r.item.id}/${r.number}`));
  }
}
