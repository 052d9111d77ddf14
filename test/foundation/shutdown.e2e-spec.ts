import { Queue } from 'bullmq';
import { QUEUES } from '../../src/queue/queues';
import { redisOptions } from '../../src/queue/redis-connection';
import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { waitFor } from '../support/test-app';

describe('SIGTERM on a worker with jobs in flight', () => {
  let w: ApiWithWorkers;
  let scans: Queue;

  beforeAll(async () => {
    w = await startApiWithWorkers();
    const { config } = w.env;
    scans = new Queue(QUEUES.scan, { connection: { ...redisOptions(config.redis.url), maxRetriesPerRequest: null }, prefix: config.queue.prefix });
  });
  afterAll(async () => {
    await scans?.close();
    await w?.close();
  });

  it('finishes the scans it started, takes no new ones, closes its connections and exits 0', async () => {
    const ids = await w.submit('drain', 24, '各科室：请按要求做好政务公开工作，联系电话0817-2222222。'.repeat(6000));
    const worker = w.startWorker({ LOG_LEVEL: 'info' });
    // A text scan commits its item's states in one transaction at its end: what is in flight is what the queue holds active.
    const inFlight = await waitFor(async () => {
      const active = await scans.getActive();
      return active.length > 0 ? active.map((job) => (job.data as { itemId: string }).itemId) : undefined;
    }, 30_000, 'a scan in flight');
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/SIGTERM: draining jobs in flight/);
    // Nothing was cut off mid-scan: the scans in flight were finished, and no job is left held by the worker that left.
    expect(await w.statesOf(inFlight)).toEqual(inFlight.map(() => 'awaiting_filler'));
    expect(await scans.getActiveCount()).toBe(0);
    const after = await w.statesOf(ids);
    expect(after).not.toContain('scanning');
    // What was not started waits in the queue for the next worker: every item still submitted has its job there.
    const waiting = new Set((await scans.getWaiting()).map((job) => (job.data as { itemId: string }).itemId));
    const unscanned = (await w.sql(`select id from items where state = 'submitted' and id in (${ids.map(() => '?').join(', ')})`, ids)).map((r) => String(r.id));
    expect(unscanned.length).toBeGreaterThan(0);
    expect(unscanned.filter((id) => !waiting.has(id))).toEqual([]);
  });
});
