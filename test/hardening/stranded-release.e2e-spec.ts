import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Revision } from '../../src/items/entities/revision.entity';
import { seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';

describe('a release cancelled by the re-check never strands its item in publishing', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let cms: WebhookReceiver;
  let steady: WebhookReceiver;
  let held: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '20000' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    cms = await WebhookReceiver.start(s.callbackSecret);
    const steadySecret = newSecret();
    steady = await WebhookReceiver.start(steadySecret);
    await addChannel(t, 'steady', steady.url, steadySecret);
    const heldSecret = newSecret();
    // Its first request is kept open until the test answers it, so the revision can change between two attempts.
    held = await WebhookReceiver.start(heldSecret, (_r, index) => (index === 0 ? 'hold' : 200));
    await addChannel(t, 'held', held.url, heldSecret);
  });
  afterAll(async () => {
    await Promise.all([cms, steady, held].filter(Boolean).map((r) => r.close()));
    await t?.close();
  });

  it('recalls the item, takes down what one channel took, and tells the CMS item.release_cancelled', async () => {
    const id = await submitAndApprove(t, s, tokens, 'stranded-1', { channels: ['steady', 'held'], callbackUrl: cms.url });
    await waitFor(async () => (steady.received.length === 1 && held.heldCount() === 1 ? true : undefined), 30_000, 'one release taken, one in flight');
    await waitFor(async () => ((await deliveriesOf(t, s.apiKey, id)).some((d) => d.channel === 'steady' && d.status === 'delivered') ? true : undefined), 30_000, 'steady recorded');

    // What is stored is no longer what the chief approved (an edit behind the service's back).
    await t.orm.em.fork().nativeUpdate(Revision, { item: id, number: 1 }, { body: '被篡改的正文' });
    held.releaseHeld(503);

    const item = await waitForState(t, s.apiKey, id, 'recalled');
    expect(item.revision).toBe(1);
    const cancelled = await waitFor(async () => cms.received.find((r) => r.json.itemId === id && r.json.event === 'item.release_cancelled'), 30_000, 'the CMS callback');
    expect(cancelled.verified).toBe(true);
    expect(cancelled.json).toMatchObject({ event: 'item.release_cancelled', itemId: id, externalId: 'stranded-1', revision: 1, state: 'recalled', channel: 'held' });
    expect(cancelled.json.reason).toMatch(/approved content hash/);

    // steady took revision 1 before the change: it is told to take it down; held is sent nothing more.
    const recall = await waitFor(async () => steady.received.find((r) => r.json.itemId === id && r.json.event === 'item.recalled'), 30_000, 'steady\'s recall');
    expect(recall.json).toMatchObject({ revision: 1, channel: 'steady', releaseId: steady.received[0].id });
    expect(held.received).toHaveLength(1);

    const deliveries = await deliveriesOf(t, s.apiKey, id);
    expect(deliveries.find((d) => d.kind === 'release' && d.channel === 'held')).toMatchObject({ status: 'cancelled', lastError: expect.stringMatching(/approved content hash/) });
    const events = await t.orm.em.fork().find(AuditEvent, { itemId: id, toState: 'recalled' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'system', fromState: 'publishing' });
    expect(String(events[0].data.comment)).toMatch(/release was cancelled/);

    // The CMS can act on it: a new revision is reviewed from the start.
    await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey)
      .send({ externalId: 'stranded-1', unit: s.unit, title: '关于2026年政务公开工作的通知', body: '重新提交的正文。', format: 'text', channels: ['steady'] }).expect(202);
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
  });
});
