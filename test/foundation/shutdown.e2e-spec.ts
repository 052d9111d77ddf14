import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { waitFor } from '../support/test-app';

describe('SIGTERM on a worker with jobs in flight', () => {
  let w: ApiWithWorkers;

  beforeAll(async () => {
    w = await startApiWithWorkers();
  });
  afterAll(() => w?.close());

  it('finishes the scans it started, takes no new ones, closes its connections and exits 0', async () => {
    const ids = await w.submit('drain', 24, '各科室：请按要求做好政务公开工作，联系电话0817-2222222。'.repeat(6000));
    const worker = w.startWorker({ LOG_LEVEL: 'info' });
    await waitFor(async () => ((await w.statesOf(ids)).includes('scanning') ? true : undefined), 30_000, 'a scan in flight');
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/SIGTERM: draining jobs in flight/);
    const after = await w.statesOf(ids);
    // Nothing was cut off mid-scan; what was not started waits in the queue for the next worker.
    expect(after).not.toContain('scanning');
    expect(after.filter((st) => st === 'awaiting_filler').length).toBeGreaterThan(0);
  });
});
