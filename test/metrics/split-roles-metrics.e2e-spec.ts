import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { login } from '../support/fixtures';
import { freePort } from '../support/processes';
import { waitFor } from '../support/test-app';

const TOKEN = 'worker-scraper-token-0123456789';

const value = (text: string, key: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line ? Number(line.slice(key.length + 1)) : 0;
};

/** ROLE=api in this process, ROLE=worker as a real process (dist/): what the api's /metrics can and cannot tell. */
describe('metrics with split roles', () => {
  let w: ApiWithWorkers;
  beforeAll(async () => {
    w = await startApiWithWorkers();
  });
  afterAll(() => w?.close());

  it('the api counts the scans a separate worker stored, and reads the queues and waiting items; job timings stay in the worker', async () => {
    const admin = await login(w.api, w.seeded.users.admin);
    const scrape = async () => (await w.api.http.get('/metrics').set('Authorization', `Bearer ${admin}`).expect(200)).text;
    const before = await scrape();
    const port = await freePort();
    w.startWorker({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    const ids = await w.submit('split-metrics', 3);
    await waitFor(async () => ((await w.statesOf(ids)).every((s) => s === 'awaiting_filler') ? true : undefined), 30_000, 'the worker to scan');
    const after = await waitFor(async () => {
      const text = await scrape();
      return value(text, 'clearance_scan_verdicts_total{verdict="pass"}') - value(before, 'clearance_scan_verdicts_total{verdict="pass"}') === 3 ? text : undefined;
    }, 10_000, 'the api to count the worker\'s scans');
    expect(value(after, 'clearance_items_waiting{level="filler"}')).toBe(3);
    expect(after).toContain('clearance_process_info{role="api"} 1');
    expect(after).toContain('clearance_queue_jobs{queue="scan",state="waiting"}');
    // This api process ran no job: the worker's job counters are not (and cannot be) in its registry.
    expect(value(after, 'clearance_jobs_total{queue="scan",result="awaiting_filler"}')).toBe(0);

    // The worker serves them on METRICS_PORT, to METRICS_TOKEN only.
    const workerMetrics = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(workerMetrics)).status).toBe(401);
    expect((await fetch(workerMetrics, { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(401);
    const worker = await (await fetch(workerMetrics, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    expect(worker).toContain('clearance_process_info{role="worker"} 1');
    expect(value(worker, 'clearance_jobs_total{queue="scan",result="awaiting_filler"}')).toBe(3);
    expect(value(worker, 'clearance_job_duration_seconds_count{queue="scan",result="awaiting_filler"}')).toBe(3);
    expect(value(worker, 'clearance_items_waiting{level="filler"}')).toBe(3);
  });
});
