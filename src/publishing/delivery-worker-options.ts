import { DelayedError, Job, WorkerOptions } from 'bullmq';
import type { DeliveryService } from './delivery.service';

/**
 * Deliveries wait on remote servers, not the CPU, so many run at once. A short lock (renewed every
 * 5 s while the job runs) lets another worker take over a crashed worker's delivery within seconds.
 */
export const DELIVERY_WORKER_OPTIONS: Partial<WorkerOptions> = { concurrency: 16, lockDuration: 10_000, stalledInterval: 5_000 };

/** Puts the same job (same id) back to sleep until `at`; BullMQ needs the DelayedError to leave it there. */
export async function waitUntil(job: Job, at: Date, token?: string): Promise<never> {
  await job.moveToDelayed(Math.max(at.getTime(), Date.now()), token);
  throw new DelayedError();
}

/** One attempt at the job's delivery; a retry or a not-yet-due attempt puts the same job back to sleep. */
export async function runDeliveryJob(deliveries: DeliveryService, job: Job<{ deliveryId: string }>, token?: string): Promise<string> {
  const result = await deliveries.attempt(job.data.deliveryId);
  if ('retryAt' in result) await waitUntil(job, result.retryAt, token);
  return result.outcome;
}
