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

  async reconcile(batch = 1000): Promise<number> {
    let count = 0;
    for (const delivery of await this.em.fork().getRepository(Delivery).pending(batch)) {
      if (await this.jobs.ensure(delivery)) count++;
    }
    return count;
  }
}
