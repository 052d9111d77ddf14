import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';

/** `name{labels} value` lines of the Prometheus text format, as a map from `name{labels}` to the value. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

describe('Prometheus metrics at /metrics', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let portal: WebhookReceiver;
  const scrape = async (token = tokens.admin) => parse((await t.http.get('/metrics').set('Authorization', `Bearer ${token}`).expect(200).expect('content-type', /text\/plain/)).text);
  const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    const secret = newSecret();
    portal = await WebhookReceiver.start(secret);
    await addChannel(t, 'portal', portal.url, secret);
  });
  afterAll(async () => {
    await portal?.close();
    await t?.close();
  });

  it('answers a secrecy administrator and METRICS_TOKEN; 401 without a valid token, 403 for another role', async () => {
    expect((await t.http.get('/metrics').expect(401)).body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await t.http.get('/metrics').set('Authorization', 'Bearer not-the-token-at-all-0000000000').expect(401);
    await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    await t.http.get('/metrics').set('X-Api-Key', s.apiKey).expect(401);
    expect((await t.http.get('/metrics').set('Authorization', `Bearer ${tokens.chief}`).expect(403)).body).toMatchObject({ statusCode: 403 });
    expect((await scrape(METRICS_TOKEN)).get('clearance_process_info{role="all"}')).toBe(1);
    expect((await scrape()).has('process_cpu_user_seconds_total')).toBe(true);
  });

  it('moves the counters with a flow: requests by route template, scans and verdicts, hits by category, deliveries, waiting items', async () => {
    const before = await scrape();
    const published = await submitAndApprove(t, s, tokens, 'metrics-1');
    await waitForState(t, s.apiKey, published, 'published');
    const blocked = (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'metrics-2', { body: '机密★10年\n某项目情况。' })).expect(202)).body.id as string;
    const waiting = (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'metrics-3', { body: '请联系13812345678。' })).expect(202)).body.id as string;
    await waitForState(t, s.apiKey, blocked, 'blocked');
    await waitForState(t, s.apiKey, waiting, 'awaiting_filler');
    await t.http.get(`/api/v1/items/${waiting}`).set('X-Api-Key', s.apiKey).expect(200);

    const after = await waitFor(async () => {
      const samples = await scrape();
      return value(samples, 'clearance_jobs_total{queue="publish",result="delivered"}') >= 1 ? samples : undefined;
    }, 10_000, 'the delivery to be counted');
    const moved = (key: string) => value(after, key) - value(before, key);

    expect(moved('clearance_http_request_duration_seconds_count{method="POST",route="/api/v1/items",status="202"}')).toBe(3);
    expect(moved('clearance_http_request_duration_seconds_count{method="GET",route="/api/v1/items/:id",status="200"}')).toBeGreaterThanOrEqual(1);
    // Labels carry the template, never an id.
    expect([...after.keys()].filter((k) => k.includes(waiting))).toEqual([]);
    expect(moved('clearance_jobs_total{queue="scan",result="awaiting_filler"}')).toBe(2);
    expect(moved('clearance_jobs_total{queue="scan",result="blocked"}')).toBe(1);
    expect(moved('clearance_job_duration_seconds_count{queue="scan",result="blocked"}')).toBe(1);
    expect(moved('clearance_scan_verdicts_total{verdict="pass"}')).toBe(1);
    expect(moved('clearance_scan_verdicts_total{verdict="block"}')).toBe(1);
    expect(moved('clearance_scan_verdicts_total{verdict="review"}')).toBe(1);
    expect(moved('clearance_scan_hits_total{category="classified-marking"}')).toBe(1);
    expect(moved('clearance_scan_hits_total{category="personal-info"}')).toBe(1);
    expect(moved('clearance_deliveries{kind="release",status="delivered"}')).toBe(1);
    expect(value(after, 'clearance_items_waiting{level="filler"}')).toBe(1);
    expect(value(after, 'clearance_items_waiting{level="blocked"}')).toBe(1);
    expect(value(after, 'clearance_items_oldest_wait_seconds{level="filler"}')).toBeGreaterThan(0);
    expect(value(after, 'clearance_items_oldest_wait_seconds{level="leader"}')).toBe(0);
    expect(after.has('clearance_queue_jobs{queue="scan",state="waiting"}')).toBe(true);
    expect(after.has('clearance_queue_jobs{queue="extract",state="failed"}')).toBe(true);

    // A scan is counted once however often the metrics are read.
    const again = await scrape();
    expect(value(again, 'clearance_scan_verdicts_total{verdict="block"}')).toBe(value(after, 'clearance_scan_verdicts_total{verdict="block"}'));
  });

  it('counts a sign-in refusal under its route', async () => {
    const before = await scrape();
    await t.http.post('/api/v1/auth/login').send({ username: s.users.filler, password: 'wrong-password' }).expect(401);
    await login(t, s.users.filler);
    const after = await scrape();
    expect(value(after, 'clearance_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="401"}') - value(before, 'clearance_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="401"}')).toBe(1);
  });
});
