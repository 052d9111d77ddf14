import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { NotifyJob, QUEUES } from '../queue/queues';
import { DeliveryService } from './delivery.service';
import { DELIVERY_WORKER_OPTIONS, runDeliveryJob } from './delivery-worker-options';

@Processor(QUEUES.notify, DELIVERY_WORKER_OPTIONS)
export class NotifyProcessor extends LoggedWorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<NotifyJob['data'], unknown, NotifyJob['name']>, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'callback':
        return runDeliveryJob(this.deliveries, job, token);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.notify}`);
      }
    }
  }
}
