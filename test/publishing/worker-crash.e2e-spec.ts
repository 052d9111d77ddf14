import { NotifyProcessor } from '../../src/publishing/notify.processor';
import { PublishProcessor } from '../../src/publishing/publish.processor';
import { ATTEMPT_IN_FLIGHT } from '../../src/publishing/entities/delivery-attempt.entity';
import { seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

describe('a worker killed in the middle of deliveries', () => {
  let env: TestEnvironment;
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '60000' });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await first?.close().catch(() => undefined);
    await second?.close();
    await env?.cleanup();
  });

  it('loses no delivery and, by webhook-id, duplicates none in effect', async () => {
    first = await startTestApp({}, env);
    const s: Seeded = await seedUnit(first);
    const tokens = await tokensOf(first, s);
    // Each channel holds the first request of every webhook-id open, as a slow server would, and accepts any repeat.
    for (const name of ['alpha', 'beta']) {
      const secret = newSecret();
      const seen = new Set<string>();
      const receiver = await WebhookReceiver.start(secret, (r) => (seen.has(r.id) ? 200 : (seen.add(r.id), 'hold')));
      receivers.push(receiver);
      await addChannel(first, name, receiver.url, secret);
    }
    const [alpha, beta] = receivers;
    const ids = [
      await submitAndApprove(first, s, tokens, 'crash-1', { channels: ['alpha', 'beta'] }),
      await submitAndApprove(first, s, tokens, 'crash-2', { channels: ['alpha', 'beta'] }),
    ];
    await waitFor(async () => (alpha.heldCount() === 2 && beta.heldCount() === 2 ? true : undefined), 30_000, 'all four releases to be in flight');

    // The kill: workers stop without finishing their jobs and the process's database is gone; only then
    // do the channels answer, so they have taken releases the service never recorded as accepted.
    await first.app.get(PublishProcessor).worker.close(true);
    await first.app.get(NotifyProcessor).worker.close(true);
    await first.close();
    first = undefined;
    alpha.releaseHeld(200);
    beta.releaseHeld(200);

    second = await startTestApp({}, env);
    for (const id of ids) await waitForState(second, s.apiKey, id, 'published', 45000);

    for (const [name, receiver] of [['alpha', alpha], ['beta', beta]] as const) {
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      const releaseIds = new Set<string>();
      for (const id of ids) {
        const delivery = (await deliveriesOf(second, s.apiKey, id)).find((d) => d.channel === name)!;
        expect(delivery.status).toBe('delivered');
        // The attempt cut short by the kill is on the record, then the one that succeeded.
        expect(delivery.attempts.map((a) => [a.statusCode, a.error])).toEqual([[null, ATTEMPT_IN_FLIGHT], [200, null]]);
        releaseIds.add(delivery.webhookId);
      }
      // Every release reached the channel, each under one webhook-id it can deduplicate on, and nothing else arrived.
      expect(new Set(receiver.ids())).toEqual(releaseIds);
      expect(receiver.received).toHaveLength(4);
      for (const webhookId of releaseIds) {
        const copies = receiver.received.filter((r) => r.id === webhookId);
        expect(copies).toHaveLength(2);
        expect(copies[1].json).toEqual(copies[0].json);
      }
    }
  }, 90000);
});
