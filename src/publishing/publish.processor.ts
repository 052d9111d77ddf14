import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { PublishJob, QUEUES } from '../queue/queues';
import { DeliveryService } from './delivery.service';
import { DELIVERY_WORKER_OPTIONS, runDeliveryJob } from './delivery-worker-options';

@Processor(QUEUES.publish, DELIVERY_WORKER_OPTIONS)
export class PublishProcessor extends LoggedWorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<PublishJob['data'], unknown, PublishJob['name']>, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'deliver':
        return runDeliveryJob(this.deliveries, job, token);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.publish}`);
      }
    }
  }
}

