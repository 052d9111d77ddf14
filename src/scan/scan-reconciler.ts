import { EntityManager } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Item } from '../items/entities/item.entity';
import { QueueCursor } from '../items/item.repository';
import { ensureJob } from '../queue/ensure-job';
import { QUEUES, scanJobId } from '../queue/queues';
import { ReconcilerService } from '../queue/reconciler.service';

/** Items left in submitted or scanning get their scan job back. */
@Injectable()
export class ScanReconciler implements OnModuleInit {
  constructor(private readonly em: EntityManager, private readonly reconciler: ReconcilerService, @InjectQueue(QUEUES.scan) private readonly queue: Queue) {}

  onModuleInit(): void {
    this.reconciler.register('scan', () => this.reconcile());
  }

  /** Walks every item in submitted or scanning, a page at a time, and makes sure each has its scan job. */
  async reconcile(batch = 500): Promise<number> {
    let count = 0;
    let after: QueueCursor | undefined;
    for (;;) {
      const items = await this.em.fork().getRepository(Item).inStates(['submitted', 'scanning'], batch, after);
      for (const item of items) {
        if (await ensureJob(this.queue, 'scan-revision', { itemId: item.id, revision: item.revision }, scanJobId(item.id, item.revision))) count++;
      }
      if (items.length < batch) return count;
      const last = items[items.length - 1];
      after = { at: last.stateChangedAt.toISOString(), id: last.id };
    }
  }
}
