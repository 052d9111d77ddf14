import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { waitUntil } from '../publishing/delivery-worker-options';
import { LoggedWorkerHost } from '../queue/logged-worker-host';
import { NoticeJob, QUEUES } from '../queue/queues';
import { DigestService } from './digest.service';
import { MessageSender } from './message-sender';
import { NotificationExpander } from './notification-expander';
import { NotificationJobs } from './notification-jobs';

/** Mail servers and robots are waited on, not computed: several at once; a short lock so a crashed worker's job moves on soon. */
@Processor(QUEUES.notice, { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000 })
export class NoticeProcessor extends LoggedWorkerHost {
  constructor(private readonly expander: NotificationExpander, private readonly sender: MessageSender, private readonly jobs: NotificationJobs, private readonly digests: DigestService) {
    super();
  }

  async process(job: Job<NoticeJob['data'], unknown, NoticeJob['name']>, token?: string): Promise<unknown> {
    switch (job.name) {
      // Queued by earlier versions; outbox rows are now expanded by the reconciler's pass (notification-reconciler.ts).
      case 'expand': {
        const messages = await this.expander.expand((job.data as { notificationId: string }).notificationId);
        for (const id of messages) await this.jobs.ensureSend(id);
        return messages.length;
      }
      case 'send': {
        const result = await this.sender.attempt((job.data as { messageId: string }).messageId);
        if ('retryAt' in result) await waitUntil(job, result.retryAt, token);
        return result.outcome;
      }
      case 'digest':
        return this.digests.run((job.data as { period: 'daily' | 'weekly' }).period);
      default: {
        const unknown: never = job.name;
        throw new Error(`no handler for job ${String(unknown)} on queue ${QUEUES.notice}`);
      }
    }
  }
}
