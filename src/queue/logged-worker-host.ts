import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';

/**
 * A WorkerHost that logs failed attempts and worker errors, so nothing fails silently, and that
 * drains on shutdown: jobs in flight finish before the worker closes.
 */
export abstract class LoggedWorkerHost extends WorkerHost implements OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private inFlight = 0;

  @OnWorkerEvent('active')
  onActive(): void {
    this.inFlight++;
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /**
   * BullMQ's graceful close can hang forever once its connection has been through a reconnect
   * (seen with bullmq 5.81), so it is used only when there is a job to wait for.
   */
  async onModuleDestroy(): Promise<void> {
    const draining = this.inFlight;
    if (draining > 0) this.logger.log(`waiting for ${draining} job(s) in flight`);
    await this.worker.close(draining === 0);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`worker: ${error.message}`);
  }
}
