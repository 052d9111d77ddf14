import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { waitFor } from '../support/test-app';
import { deleteRedisKeys } from '../support/test-config';

/**
 * The database is the truth and Redis only holds work in flight: a flushed Redis or a worker
 * killed in the middle of scanning loses no item, and no item is scanned into its state twice.
 */
describe('recovery of scans (api in process, worker as a real process)', () => {
  let w: ApiWithWorkers;

  beforeAll(async () => {
    w = await startApiWithWorkers();
  });
  afterAll(() => w?.close());

  const startWorker = () => w.startWorker({ RECONCILE_INTERVAL_MS: '1000' });
  const submit = (prefix: string, count: number, body?: string) => w.submit(prefix, count, body);
  const statesOf = (ids: string[]) => w.statesOf(ids);
  const sql = (query: string, params: unknown[] = []) => w.sql(query, params);
  /** Each item reached awaiting_filler by exactly one transition and has exactly one scan. */
  const expectScannedOnce = async (ids: string[]) => {
    for (const id of ids) {
      const [{ n }] = await sql("select count(*) as n from audit_events where item_id = ? and to_state = 'awaiting_filler'", [id]);
      expect(Number(n)).toBe(1);
      const [{ scans }] = await sql('select count(*) as scans from scans s join revisions r on r.id = s.revision_id where r.item_id = ?', [id]);
      expect(Number(scans)).toBe(1);
    }
  };

  it('re-enqueues every submitted item after Redis lost its jobs', async () => {
    const ids = await submit('flushed', 20);
    expect(new Set(await statesOf(ids))).toEqual(new Set(['submitted']));
    await deleteRedisKeys(w.env.config.redis.url, `${w.env.config.queue.prefix}:*`);

    const worker = startWorker();
    await waitFor(async () => ((await statesOf(ids)).every((st: string) => st === 'awaiting_filler') ? true : undefined), 60_000, 'all items scanned');
    await expectScannedOnce(ids);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('finishes every scan exactly once after the worker is killed in the middle', async () => {
    const first = startWorker();
    // Large bodies make each scan take long enough for the kill to land mid-batch.
    const ids = await submit('killed', 30, '各科室：请按要求做好政务公开工作。'.repeat(8000));
    await waitFor(async () => ((await statesOf(ids)).some((st: string) => st === 'scanning' || st === 'awaiting_filler') ? true : undefined), 30_000, 'a scan to start');
    first.child.kill('SIGKILL');
    await first.exited;
    const left = (await statesOf(ids)).filter((st: string) => st !== 'awaiting_filler').length;

    const second = startWorker();
    await waitFor(async () => ((await statesOf(ids)).every((st: string) => st === 'awaiting_filler') ? true : undefined), 90_000, 'all items scanned after the kill');
    await expectScannedOnce(ids);
    expect(left).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 150_000);
});
