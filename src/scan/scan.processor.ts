import { Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { QUEUES, ScanJob } from '../queue/queues';
import { ScanService } from './scan.service';

// A short lock so a killed worker's scans are taken over within seconds, not half a minute.
@Processor(QUEUES.scan, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000 })
export class ScanProcessor extends LoggedWorkerHost implements OnApplicationBootstrap {
  constructor(private readonly scans: ScanService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  /** The decorator's options are fixed at build time; SCAN_CONCURRENCY applies once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.scan.concurrency;
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
