import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { QUEUES, ScanJob } from '../queue/queues';
import { ScanService } from './scan.service';

// A short lock so a killed worker's scans are taken over within seconds, not half a minute.
@Processor(QUEUES.scan, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000 })
export class ScanProcessor extends LoggedWorkerHost {
  constructor(private readonly scans: ScanService) {
    super();
  }

  async process(job: Job<ScanJob['data'], unknown, ScanJob['name']>): Promise<unknown> {
    switch (job.name) {
      case 'scan-revision':
        return this.scans.scanRevision(job.data.itemId, job.data.revision);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.scan}`);
      }
    }
  }
}
