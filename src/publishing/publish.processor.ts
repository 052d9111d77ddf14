import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { PublishJob, QUEUES } from '../queue/queues';
import { DeliveryService } from './delivery.service';
import { DELIVERY_WORKER_OPTIONS, waitUntil } from './delivery-worker-options';

@Processor(QUEUES.publish, DELIVERY_WORKER_OPTIONS)
export class PublishProcessor extends LoggedWorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<PublishJob['data'], unknown, PublishJob['name']>, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'deliver': {
        const result = await this.deliveries.attempt(job.data.deliveryId);
        if ('retryAt' in result) await waitUntil(job, result.retryAt, token);
        return result.outcome;
      }
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.publish}`);
      }
    }
  }
}

