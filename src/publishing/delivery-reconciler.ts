import { EntityManager } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReconcilerService } from '../queue/reconciler.service';
import { DeliveryJobs } from './delivery-jobs';
import { Delivery } from './entities/delivery.entity';

/** Pending deliveries with no live job get one back; a job that wakes before the row's nextAttemptAt goes back to sleep. */
@Injectable()
export class DeliveryReconciler implements OnModuleInit {
  constructor(private readonly em: EntityManager, private readonly reconciler: ReconcilerService, private readonly jobs: DeliveryJobs) {}

  onModuleInit(): void {
    this.reconciler.register('deliveries', () => this.reconcile());
  }

  async reconcile(batch = 500): Promise<number> {
    let count = 0;
    let afterId: string | undefined;
    for (;;) {
      const page = await this.em.fork().getRepository(Delivery).pending(batch, afterId);
      for (const delivery of page) {
        if (await this.jobs.ensure(delivery)) count++;
      }
      if (page.length < batch) return count;
      afterId = page[page.length - 1].id;
    }
  }
}
