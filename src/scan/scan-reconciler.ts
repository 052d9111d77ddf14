import { EntityManager } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Item } from '../items/entities/item.entity';
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

  async reconcile(batch = 1000): Promise<number> {
    let count = 0;
    const items = await this.em.fork().getRepository(Item).inStates(['submitted', 'scanning'], batch);
    for (const item of items) {
      if (await ensureJob(this.queue, 'scan-revision', { itemId: item.id, revision: item.revision }, scanJobId(item.id, item.revision))) count++;
    }
    return count;
  }
}
