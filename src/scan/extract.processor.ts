import { Processor } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { QUEUES, ScanJob } from '../queue/queues';
import { ScanService } from './scan.service';

/**
 * Scans of revisions with attachments. Extraction runs in child processes, so this event loop stays free and
 * BullMQ renews the lock every 15 s however long OCR takes; a killed worker's job is taken over within about 45 s.
 */
@Processor(QUEUES.extract, { concurrency: 1, lockDuration: 30_000, stalledInterval: 15_000 })
export class ExtractProcessor extends LoggedWorkerHost implements OnApplicationBootstrap {
  constructor(private readonly scans: ScanService, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  /** The decorator's options are fixed at build time; EXTRACT_CONCURRENCY applies once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.extract.concurrency;
  }

  async process(job: Job<ScanJob['data'], unknown, ScanJob['name']>): Promise<unknown> {
    switch (job.name) {
      case 'scan-revision':
        return this.scans.scanRevision(job.data.itemId, job.data.revision);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.extract}`);
      }
    }
  }
}
