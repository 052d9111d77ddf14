import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { noticeSendJobId, QUEUES } from '../queue/queues';

/** The jobs outbox rows imply; the rows are the truth, a job only wakes a worker. Deterministic ids collapse repeats. */
@Injectable()
export class NotificationJobs {
  constructor(@InjectQueue(QUEUES.notice) readonly queue: Queue) {}

  ensureSend(messageId: string, at?: Date): Promise<boolean> {
    return this.ensure('send', { messageId }, noticeSendJobId(messageId), at);
  }

  /** Like ensureJob, with a delay for a message whose next attempt lies ahead. */
  private async ensure(name: string, data: object, jobId: string, at?: Date): Promise<boolean> {
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return false;
      await existing.remove().catch(() => undefined);
    }
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    await this.queue.add(name, data, { jobId, delay, attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
    return true;
  }
}
