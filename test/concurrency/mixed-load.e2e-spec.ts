import { itemBody, PASSWORD, TEST_CALLBACK_ORIGIN } from '../support/fixtures';
import { waitFor } from '../support/test-app';
import { newSecret } from '../publishing/publishing-fixtures';
import { CountingReceiver } from './counting-receiver';
import { Answer, Credentials, SplitRoles, startSplitRoles } from './split-roles';

/** Items in each part of the load: a smaller version of the 300 submissions, 60 approvals and 30 recalls. */
const SUBMITTED = 40;
const APPROVED = 20;
const RECALLED_PUBLISHED = 8;
const RECALLED_IN_FLIGHT = 6;
const SLOW_CHANNEL_MS = 300;

/**
 * The mixed load of issue 10 with split roles (an api and a worker process on one SQLite file or one PostgreSQL
 * database): submissions, chief approvals releasing to a slow and a fast channel, recalls of published items and
 * of items whose releases are in flight, all at once. Nothing may answer 5xx, every webhook-id reaches its
 * channel exactly once, every item ends where its story says, and the audit chain verifies.
 */
describe('mixed load on split roles', () => {
  let s: SplitRoles;
  let slow: CountingReceiver;
  let fast: CountingReceiver;
  let cms: CountingReceiver;
  let apiKey: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const secrets = { slow: newSecret(), fast: newSecret() };
    slow = await CountingReceiver.start(secrets.slow, SLOW_CHANNEL_MS);
    fast = await CountingReceiver.start(secrets.fast);
    let callbackSecret = '';
    s = await startSplitRoles({ DELIVERY_BACKOFF_MS: '200', RECONCILE_INTERVAL_MS: '2000' }, async (cli) => {
      await cli('unit:add', 'u1', '测试单位');
      for (const role of ['filler', 'leader', 'chief', 'admin']) await cli('user:add', role, '--role', role, '--unit', 'u1', '--password', PASSWORD);
      const client = await cli('client:add', 'cms-u1', '--unit', 'u1', '--callback-origin', TEST_CALLBACK_ORIGIN);
      apiKey = client[client.length - 1];
      callbackSecret = client[client.length - 2].slice(client[client.length - 2].indexOf('whsec_'));
      await cli('channel:add', 'slow', '--url', slow.url, '--secret', secrets.slow);
      await cli('channel:add', 'fast', '--url', fast.url, '--secret', secrets.fast);
    });
    cms = await CountingReceiver.start(callbackSecret);
    for (const role of ['filler', 'leader', 'chief', 'admin']) {
      const answer = await s.call('POST', '/api/v1/auth/login', null, { username: role, password: PASSWORD });
      tokens[role] = answer.body.accessToken as string;
    }
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await Promise.all([slow, fast, cms].map((r) => r?.close()));
  });

  const client = (): Credentials => ({ apiKey });
  const as = (role: string): Credentials => ({ token: tokens[role] });
  const submit = (externalId: string) =>
    s.call('POST', '/api/v1/items', client(), itemBody('u1', externalId, { channels: ['slow', 'fast'], callbackUrl: `${cms.url}?item=${externalId}`, body: `各科室：请按要求做好${externalId}号政务公开工作。` }));
  const decide = (role: string, id: string) => s.call('POST', `/api/v1/items/${id}/decisions`, as(role), { decision: 'approve', revision: 1 });
  const recall = (id: string) => s.call('POST', `/api/v1/items/${id}/recall`, as('admin'), { comment: '并发撤稿测试' });
  const stateOf = async (id: string) => (await s.call('GET', `/api/v1/items/${id}`, client())).body.state as string;
  const waitAll = (ids: string[], state: string) =>
    waitFor(async () => ((await Promise.all(ids.map(stateOf))).every((st) => st === state) ? true : undefined), 60_000, `${ids.length} items to reach ${state}`);

  /** Submitted and passed by the filler and the leader: waiting for the chief. */
  async function awaitingChief(prefix: string, count: number): Promise<string[]> {
    const ids = await Promise.all(Array.from({ length: count }, async (_, i) => (await expectStatus(submit(`${prefix}-${i}`), 202)).body.id as string));
    await waitAll(ids, 'awaiting_filler');
    for (const role of ['filler', 'leader']) await Promise.all(ids.map((id) => expectStatus(decide(role, id), 200)));
    return ids;
  }

  it('answers no 5xx, sends every webhook-id once, and ends every item where it belongs', async () => {
    const published = await awaitingChief('published', RECALLED_PUBLISHED);
    await Promise.all(published.map((id) => expectStatus(decide('chief', id), 200)));
    await waitAll(published, 'published');
    const toApprove = await awaitingChief('approve', APPROVED);
    const inFlight = await awaitingChief('in-flight', RECALLED_IN_FLIGHT);

    const answers: Array<{ kind: string; answer: Answer }> = [];
    const record = async (kind: string, request: Promise<Answer>) => {
      const answer = await request;
      answers.push({ kind, answer });
      return answer;
    };
    const started = Date.now();
    const [submitted] = await Promise.all([
      Promise.all(Array.from({ length: SUBMITTED }, (_, i) => record('submit', submit(`load-${i}`)))),
      Promise.all(toApprove.map((id) => record('approve', decide('chief', id)))),
      Promise.all(published.map((id) => record('recall', recall(id)))),
      // Approved, then recalled at once: its releases are pending or in flight (the slow channel takes 300 ms).
      Promise.all(inFlight.map(async (id) => {
        await record('approve', decide('chief', id));
        await record('recall', recall(id));
      })),
    ]);
    const burstMs = Date.now() - started;

    const failures = answers.filter(({ answer }) => answer.status >= 500);
    expect(failures.map(({ kind, answer }) => `${kind} ${answer.status} ${JSON.stringify(answer.body)}`)).toEqual([]);
    expect(answers.filter(({ kind, answer }) => answer.status !== (kind === 'submit' ? 202 : 200)).map(({ kind, answer }) => `${kind} ${answer.status} ${answer.body.message}`)).toEqual([]);

    const submittedIds = submitted.map((a) => a.body.id as string);
    await waitAll(submittedIds, 'awaiting_filler');
    await waitAll(toApprove, 'published');
    await waitAll([...published, ...inFlight], 'recalled');
    // Settled: nothing pending, so every webhook there will be has been sent.
    const sql = async <T>(query: string) => (await s.orm.em.fork().getConnection().execute(query)) as unknown as T;
    const pending = async () => Number((await sql<Array<{ n: number | string }>>("select count(*) as n from deliveries where status = 'pending'"))[0].n);
    await waitFor(async () => ((await pending()) === 0 ? true : undefined), 60_000, 'every delivery to settle');

    const deliveries = await sql<Array<{ id: string; item_id: string; kind: string; channel: string | null; status: string }>>('select id, item_id, kind, channel, status from deliveries');
    const receivers: Record<string, CountingReceiver> = { slow, fast };
    for (const [name, receiver] of Object.entries(receivers)) {
      expect(receiver.unverified).toBe(0);
      expect(receiver.repeated()).toEqual([]);
      // What the channel got is exactly what the database says it accepted.
      const accepted = deliveries.filter((d) => d.channel === name && d.status === 'delivered').map((d) => `msg_${d.id}`);
      expect([...receiver.counts.keys()].sort()).toEqual(accepted.sort());
    }
    expect(cms.repeated()).toEqual([]);
    expect(deliveries.filter((d) => d.kind !== 'callback' && d.status === 'failed')).toEqual([]);

    // Each release a channel accepted of a recalled item was followed by a recall that channel accepted.
    for (const id of [...published, ...inFlight]) {
      const own = deliveries.filter((d) => d.item_id === id);
      for (const release of own.filter((d) => d.kind === 'release' && d.status === 'delivered')) {
        expect(own.find((d) => d.kind === 'recall' && d.channel === release.channel)?.status).toBe('delivered');
      }
    }
    for (const id of published) expect(deliveries.filter((d) => d.item_id === id && d.kind === 'recall' && d.status === 'delivered')).toHaveLength(2);
    for (const id of toApprove) expect(deliveries.filter((d) => d.item_id === id && d.kind === 'release' && d.status === 'delivered')).toHaveLength(2);

    expect(await s.cli('audit:verify')).toEqual([expect.stringMatching(/^ok \d+ events$/)]);

    const p99 = (kind: string) => {
      const ms = answers.filter((a) => a.kind === kind).map((a) => a.answer.ms).sort((a, b) => a - b);
      return Math.round(ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]);
    };
    process.stdout.write(
      `mixed load (${s.env.config.database.driver}): ${answers.length} requests in ${burstMs} ms, no 5xx; p99 submit ${p99('submit')} ms, approve ${p99('approve')} ms, ` +
        `recall ${p99('recall')} ms; webhooks slow ${slow.requests()}/${slow.counts.size} ids, fast ${fast.requests()}/${fast.counts.size} ids, cms ${cms.requests()}/${cms.counts.size} ids\n`,
    );
  }, 180_000);
});

async function expectStatus(request: Promise<Answer>, status: number): Promise<Answer> {
  const answer = await request;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}
