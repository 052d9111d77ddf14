import { AuditEvent } from '../../src/audit/audit-event.entity';
import { DeliveryService } from '../../src/publishing/delivery.service';
import { Delivery } from '../../src/publishing/entities/delivery.entity';
import { seedUnit, Seeded, waitForState } from '../support/fixtures';
import { reconcile, startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, DeliveryJson, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { Received, Responder, WebhookReceiver } from './webhook-receiver';

interface SummaryJson {
  channel: string;
  kind: string;
  status: string;
  revision: number;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

describe('the CMS hears when a release or recall fails for good', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let cms: WebhookReceiver;
  const receivers: WebhookReceiver[] = [];

  /** A channel of its own for one test, answering as `respond` says. */
  const channel = async (name: string, respond: Responder): Promise<WebhookReceiver> => {
    const secret = newSecret();
    const receiver = await WebhookReceiver.start(secret, respond);
    receivers.push(receiver);
    await addChannel(t, name, receiver.url, secret);
    return receiver;
  };
  const callbacksTo = (itemId: string, event: string): Received[] => cms.received.filter((r) => r.json.itemId === itemId && r.json.event === event);
  const summaryOf = async (id: string, auth: [string, string] = ['X-Api-Key', s.apiKey]): Promise<{ state: string; deliveries: SummaryJson[] }> => {
    const response = await t.http.get(`/api/v1/items/${id}`).set(...auth).expect(200);
    return { state: response.body.state, deliveries: response.body.deliveries };
  };
  /** The deliveries once `done` holds for them: a receiver answering says nothing about the row yet. */
  const deliveriesWhen = (id: string, done: (ds: DeliveryJson[]) => boolean, what: string): Promise<DeliveryJson[]> =>
    waitFor(async () => {
      const ds = await deliveriesOf(t, s.apiKey, id);
      return done(ds) ? ds : undefined;
    }, 20000, what);
  const failureCallbackRows = (ds: DeliveryJson[], event = 'item.delivery_failed') => ds.filter((d) => d.kind === 'callback' && d.event === event);
  const failureAudits = (itemId: string) => t.orm.em.fork().find(AuditEvent, { itemId, action: 'delivery.failed' }, { orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    // A long timeout, so a request the test holds open stays in flight until the test answers it.
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '3', DELIVERY_TIMEOUT_MS: '20000' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    cms = await WebhookReceiver.start(s.callbackSecret);
  });
  afterAll(async () => {
    await Promise.all([cms, ...receivers].filter(Boolean).map((r) => r.close()));
    await t?.close();
  });

  it('a 400 fails the release at once: the CMS gets one signed item.delivery_failed naming the channel; redelivered, the item is published', async () => {
    await channel('fine', () => 200);
    let answer = 400;
    const strict = await channel('strict', () => answer);
    const id = await submitAndApprove(t, s, tokens, 'fail-400', { channels: ['fine', 'strict'], callbackUrl: cms.url });

    const settled = await deliveriesWhen(id, (ds) => ds.some((d) => d.channel === 'strict' && d.status === 'failed') && ds.some((d) => d.channel === 'fine' && d.status === 'delivered'), 'strict to fail and fine to accept');
    const failed = settled.find((d) => d.channel === 'strict')!;
    // Created with the failure, in its transaction: one row now means one row ever for this failure.
    expect(failureCallbackRows(settled)).toHaveLength(1);

    const [callback] = await waitFor(async () => { const c = callbacksTo(id, 'item.delivery_failed'); return c.length ? c : undefined; }, 30_000, 'the delivery_failed callback');
    expect(callback.verified).toBe(true);
    expect(callback.json).toEqual({
      event: 'item.delivery_failed', itemId: id, externalId: 'fail-400', revision: 1, state: 'publishing', channel: 'strict',
      deliveryId: failed.id, webhookId: failed.webhookId, attempts: 1, lastStatusCode: 400, lastError: expect.stringMatching(/^HTTP 400/),
    });
    expect(strict.received).toHaveLength(1);

    const publishing = await summaryOf(id);
    expect(publishing.state).toBe('publishing');
    expect(publishing.deliveries).toEqual([
      { channel: 'fine', kind: 'release', status: 'delivered', revision: 1, attemptCount: 1, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(String) },
      { channel: 'strict', kind: 'release', status: 'failed', revision: 1, attemptCount: 1, lastStatusCode: 400, lastError: expect.stringMatching(/^HTTP 400/), deliveredAt: null },
    ]);
    // A reviewer of the unit sees the same summary as the owning CMS.
    expect((await summaryOf(id, ['Authorization', `Bearer ${tokens.leader}`])).deliveries).toEqual(publishing.deliveries);

    const audits = await failureAudits(id);
    expect(audits.map((a) => [a.actor, a.data.channel, a.data.deliveryId, a.data.lastStatusCode])).toEqual([['system', 'strict', failed.id, 400]]);

    answer = 200;
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
    await waitForState(t, s.apiKey, id, 'published');
    const published = await waitFor(async () => callbacksTo(id, 'item.published')[0], 30_000, 'the published callback');
    expect(published.verified).toBe(true);
    expect(published.json).toEqual({ event: 'item.published', itemId: id, externalId: 'fail-400', revision: 1, state: 'published' });

    const after = await summaryOf(id);
    // Callbacks are not channels: the summary stays one row per channel release.
    expect(after.deliveries.map((d) => [d.channel, d.kind, d.status, d.attemptCount, d.lastStatusCode])).toEqual([
      ['fine', 'release', 'delivered', 1, 200],
      ['strict', 'release', 'delivered', 1, 200],
    ]);
    expect(callbacksTo(id, 'item.delivery_failed')).toHaveLength(1);
    expect(failureCallbackRows(await deliveriesOf(t, s.apiKey, id))).toHaveLength(1);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('a 503 until the attempts run out: one item.delivery_failed; redelivered and failing again, one more', async () => {
    // The first request is held open, so the item can be seen publishing with its release in flight.
    const down = await channel('down', (_, n) => (n === 0 ? 'hold' : 503));
    const id = await submitAndApprove(t, s, tokens, 'fail-503', { channels: ['down'], callbackUrl: cms.url });
    await waitFor(async () => (down.heldCount() === 1 ? true : undefined), 30_000, 'the first attempt to be in flight');

    const inFlight = await summaryOf(id);
    expect(inFlight).toEqual({
      state: 'publishing',
      deliveries: [{ channel: 'down', kind: 'release', status: 'pending', revision: 1, attemptCount: 1, lastStatusCode: null, lastError: null, deliveredAt: null }],
    });

    down.releaseHeld(503);
    const release = (ds: DeliveryJson[]) => ds.find((d) => d.kind === 'release');
    const failed = release(await deliveriesWhen(id, (ds) => release(ds)?.status === 'failed', 'the release to run out of attempts'))!;
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    const [callback] = await waitFor(async () => { const c = callbacksTo(id, 'item.delivery_failed'); return c.length ? c : undefined; }, 30_000, 'the delivery_failed callback');
    expect(callback.verified).toBe(true);
    expect(callback.json).toMatchObject({ event: 'item.delivery_failed', channel: 'down', state: 'publishing', deliveryId: failed.id, webhookId: failed.webhookId, attempts: 3, lastStatusCode: 503 });
    expect((await summaryOf(id)).deliveries).toEqual([
      { channel: 'down', kind: 'release', status: 'failed', revision: 1, attemptCount: 3, lastStatusCode: 503, lastError: expect.stringMatching(/^HTTP 503/), deliveredAt: null },
    ]);

    // A redelivery that fails again is a new failure, and the CMS hears of it too.
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
    const again = await deliveriesWhen(id, (ds) => release(ds)?.status === 'failed' && release(ds)?.attempts.length === 6, 'the redelivery to run out of attempts');
    expect(failureCallbackRows(again)).toHaveLength(2);
    await waitFor(async () => (callbacksTo(id, 'item.delivery_failed').length === 2 ? true : undefined), 30_000, 'the second delivery_failed callback');
    expect(callbacksTo(id, 'item.delivery_failed').map((r) => r.json.attempts)).toEqual([3, 3]);
    expect(await failureAudits(id)).toHaveLength(2);
    expect(down.received).toHaveLength(6);
  });

  it('runs of the same release that fail together, or again after the failure, tell the CMS once', async () => {
    let holding = true;
    const gate = await channel('gate', () => (holding ? 'hold' : 400));
    const id = await submitAndApprove(t, s, tokens, 'fail-twice', { channels: ['gate'], callbackUrl: cms.url });
    await waitFor(async () => (gate.heldCount() === 1 ? true : undefined), 30_000, 'the first attempt to be in flight');
    const [release] = await deliveriesOf(t, s.apiKey, id);

    // As when a worker's job lock expires: a second run of the same delivery starts while the first still waits.
    await t.orm.em.fork().nativeUpdate(Delivery, { id: release.id }, { nextAttemptAt: null });
    const deliveries = t.app.get(DeliveryService);
    const second = deliveries.attempt(release.id);
    await waitFor(async () => (gate.heldCount() === 2 ? true : undefined), 30_000, 'the second attempt to be in flight');
    holding = false;
    gate.releaseHeld(400);
    expect(['failed', 'cancelled']).toContain((await second).outcome);

    const settled = await deliveriesWhen(id, (ds) => ds.some((d) => d.kind === 'release' && d.status === 'failed' && d.attempts.every((a) => a.statusCode === 400)), 'both outcomes to be recorded');
    expect(settled.find((d) => d.kind === 'release')!.attempts.map((a) => a.statusCode)).toEqual([400, 400]);
    // A job run again after the failure (a restart) and the reconciler find nothing owed.
    expect(await deliveries.attempt(release.id)).toEqual({ outcome: 'skipped' });
    await reconcile(t.app);
    expect(failureCallbackRows(await deliveriesOf(t, s.apiKey, id))).toHaveLength(1);
    expect(await failureAudits(id)).toHaveLength(1);
    await deliveriesWhen(id, (ds) => failureCallbackRows(ds).every((d) => d.status === 'delivered'), 'the callback to be delivered');
    expect(callbacksTo(id, 'item.delivery_failed')).toHaveLength(1);
  });

  it('a recall a channel refuses sends item.recall_failed', async () => {
    const keeper = await channel('keeper', (r) => (r.json.event === 'item.recalled' ? 410 : 200));
    const id = await submitAndApprove(t, s, tokens, 'recall-refused', { channels: ['keeper'], callbackUrl: cms.url });
    await waitForState(t, s.apiKey, id, 'published');
    await t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${tokens.leader}`).send({ comment: '涉及未公开信息，撤稿' }).expect(200);

    const settled = await deliveriesWhen(id, (ds) => ds.some((d) => d.kind === 'recall' && d.status === 'failed'), 'the recall to fail');
    const recall = settled.find((d) => d.kind === 'recall')!;
    expect(failureCallbackRows(settled, 'item.recall_failed')).toHaveLength(1);
    const callback = await waitFor(async () => callbacksTo(id, 'item.recall_failed')[0], 30_000, 'the recall_failed callback');
    expect(callback.verified).toBe(true);
    expect(callback.json).toEqual({
      event: 'item.recall_failed', itemId: id, externalId: 'recall-refused', revision: 1, state: 'recalled', channel: 'keeper',
      deliveryId: recall.id, webhookId: recall.webhookId, attempts: 1, lastStatusCode: 410, lastError: expect.stringMatching(/^HTTP 410/),
    });
    expect(keeper.received.map((r) => r.json.event)).toEqual(['item.released', 'item.recalled']);
    expect((await summaryOf(id)).deliveries.map((d) => [d.channel, d.kind, d.status, d.lastStatusCode])).toEqual([
      ['keeper', 'release', 'delivered', 200],
      ['keeper', 'recall', 'failed', 410],
    ]);
  });

  it('a callback the CMS refuses calls nobody back', async () => {
    const refusing = await WebhookReceiver.start(s.callbackSecret, () => 400);
    receivers.push(refusing);
    await channel('quiet', () => 200);
    const id = await submitAndApprove(t, s, tokens, 'cms-refuses', { channels: ['quiet'], callbackUrl: refusing.url });
    await waitForState(t, s.apiKey, id, 'published');
    const settled = await deliveriesWhen(id, (ds) => ds.some((d) => d.kind === 'callback' && d.status === 'failed'), 'the published callback to fail');
    expect(settled.filter((d) => d.kind === 'callback').map((d) => [d.event, d.status])).toEqual([['item.published', 'failed']]);
    expect(refusing.received.map((r) => r.json.event)).toEqual(['item.published']);
    expect(await failureAudits(id)).toEqual([]);
    expect((await summaryOf(id)).deliveries.map((d) => [d.channel, d.kind, d.status])).toEqual([['quiet', 'release', 'delivered']]);
  });

});
