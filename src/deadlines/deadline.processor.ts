import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { DeadlineJob, QUEUES } from '../queue/queues';
import { DeadlinesService } from './deadlines.service';

@Processor(QUEUES.deadline)
export class DeadlineProcessor extends LoggedWorkerHost {
  constructor(private readonly deadlines: DeadlinesService) {
    super();
  }

  async process(job: Job<DeadlineJob['data'], unknown, DeadlineJob['name']>): Promise<unknown> {
    switch (job.name) {
      case 'deadline-due':
        return this.deadlines.fire(job.data.deadlineId);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.deadline}`);
      }
    }
  }
}
