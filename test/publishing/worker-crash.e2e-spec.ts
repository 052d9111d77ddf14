import { ATTEMPT_IN_FLIGHT } from '../../src/publishing/entities/delivery-attempt.entity';
import { seedUnit, Seeded, waitForState } from '../support/fixtures';
import { spawnService, Spawned } from '../support/processes';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

describe('a worker SIGKILLed in the middle of deliveries', () => {
  let env: TestEnvironment;
  let api: TestApp | undefined;
  const workers: Spawned[] = [];
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ ROLE: 'api', DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '60000', OCR: 'off', DIGEST_DAILY_AT: 'off', DIGEST_WEEKLY_AT: 'off' });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(receivers.map((r) => r.close()));
    await api?.close();
    await env?.cleanup();
  });

  it('loses no delivery and, by webhook-id, duplicates none in effect', async () => {
    api = await startTestApp({}, env);
    const first = spawnService({ ...env.env, ROLE: 'worker' });
    workers.push(first);
    const s: Seeded = await seedUnit(api);
    const tokens = await tokensOf(api, s);
    // Each channel holds the first request of every webhook-id open, as a slow server would, and accepts any repeat.
    for (const name of ['alpha', 'beta']) {
      const secret = newSecret();
      const seen = new Set<string>();
      const receiver = await WebhookReceiver.start(secret, (r) => (seen.has(r.id) ? 200 : (seen.add(r.id), 'hold')));
      receivers.push(receiver);
      await addChannel(api, name, receiver.url, secret);
    }
    const [alpha, beta] = receivers;
    const ids = [
      await submitAndApprove(api, s, tokens, 'crash-1', { channels: ['alpha', 'beta'] }),
      await submitAndApprove(api, s, tokens, 'crash-2', { channels: ['alpha', 'beta'] }),
    ];
    await waitFor(async () => (alpha.heldCount() === 2 && beta.heldCount() === 2 ? true : undefined), 30_000, 'all four releases to be in flight');

    // The kill: the worker dies with four requests open. The channels have taken releases the service never
    // recorded an outcome for; their answers go nowhere.
    first.child.kill('SIGKILL');
    await first.exited;
    alpha.releaseHeld(200);
    beta.releaseHeld(200);

    workers.push(spawnService({ ...env.env, ROLE: 'worker' }));
    for (const id of ids) await waitForState(api, s.apiKey, id, 'published', 60_000);

    for (const [name, receiver] of [['alpha', alpha], ['beta', beta]] as const) {
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      const releaseIds = new Set<string>();
      for (const id of ids) {
        const delivery = (await deliveriesOf(api, s.apiKey, id)).find((d) => d.channel === name)!;
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
  }, 120_000);
});
