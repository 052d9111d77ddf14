import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ensureJob } from '../queue/ensure-job';
import { notifyJobId, publishJobId, QUEUES, recallJobId } from '../queue/queues';
import { Delivery } from './entities/delivery.entity';

/** The job a delivery row implies: queue, name and deterministic id. The row is the truth; the job only wakes a worker. */
@Injectable()
export class DeliveryJobs {
  constructor(@InjectQueue(QUEUES.publish) private readonly publish: Queue, @InjectQueue(QUEUES.notify) private readonly notify: Queue) {}

  /** Makes sure a job exists for a pending delivery; true when one was added. */
  ensure(delivery: Delivery): Promise<boolean> {
    const data = { deliveryId: delivery.id };
    switch (delivery.kind) {
      case 'release':
        return ensureJob(this.publish, 'deliver', data, publishJobId(delivery.item.id, delivery.channel!, delivery.revision));
      case 'recall':
        return ensureJob(this.publish, 'deliver', data, recallJobId(delivery.item.id, delivery.channel!, delivery.revision));
      case 'callback':
        return ensureJob(this.notify, 'callback', data, notifyJobId(delivery.id));
      default: {
        const unknown: never = delivery.kind;
        throw new Error(`no job for delivery kind ${String(unknown)}`);
      }
    }
  }

  /** Drops the job of a cancelled delivery; one already running finds the row cancelled and stops. */
  async drop(delivery: Delivery): Promise<void> {
    const [queue, jobId] =
      delivery.kind === 'callback'
        ? [this.notify, notifyJobId(delivery.id)]
        : [this.publish, (delivery.kind === 'release' ? publishJobId : recallJobId)(delivery.item.id, delivery.channel!, delivery.revision)];
    await queue.remove(jobId).catch(() => undefined);
  }
}
