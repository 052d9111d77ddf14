import { Queue } from 'bullmq';

/**
 * Adds the job unless one with its id is waiting, delayed or running. A failed or completed job
 * whose row still asks for work is removed first, since BullMQ refuses a second job with the same id.
 */
export async function ensureJob(queue: Queue, name: string, data: object, jobId: string): Promise<boolean> {
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return false;
    await existing.remove().catch(() => undefined);
  }
  await queue.add(name, data, { jobId });
  return true;
}
