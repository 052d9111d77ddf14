import { verifyWebhook } from '../../src/publishing/webhook-signature';
import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { Responder, WebhookReceiver } from './webhook-receiver';

describe('release to channels (real HTTP receivers, signed, retried)', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (secret: string, respond?: Responder) => {
    const r = await WebhookReceiver.start(secret, respond);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '4', DELIVERY_TIMEOUT_MS: '2000' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  it('releases the approved revision byte for byte, signed, to every channel; the item ends published and the CMS hears it', async () => {
    const portalSecret = newSecret();
    const wechatSecret = newSecret();
    const portal = await receiver(portalSecret);
    const wechat = await receiver(wechatSecret);
    const cms = await receiver(s.callbackSecret);
    await addChannel(t, 'portal', portal.url, portalSecret);
    await addChannel(t, 'wechat', wechat.url, wechatSecret);
    const body = '各科室：\n请按要求做好政务公开工作。\u3000“引号”、emoji 🚀 与 <b>标签</b>\r\n联系电话：0817-2222222。';
    const id = await submitAndApprove(t, s, tokens, 'release-1', { body, channels: ['portal', 'wechat'], callbackUrl: cms.url });

    const published = await waitForState(t, s.apiKey, id, 'published');
    const [p] = portal.received;
    expect(portal.received).toHaveLength(1);
    expect(wechat.received).toHaveLength(1);
    expect(p.verified).toBe(true);
    expect(wechat.received[0].verified).toBe(true);
    // Verified independently here, and a tampered body must fail with the same headers.
    const headers = { 'webhook-id': p.id, 'webhook-timestamp': p.timestamp, 'webhook-signature': p.signature };
    expect(() => verifyWebhook(portalSecret, headers, p.body)).not.toThrow();
    expect(() => verifyWebhook(portalSecret, headers, p.body.replace('政务', '政物'))).toThrow();
    expect(() => verifyWebhook(wechatSecret, headers, p.body)).toThrow();

    expect(p.json).toEqual({
      event: 'item.released', itemId: id, externalId: 'release-1', revision: 1, contentHash: published.contentHash,
      title: published.title, body, format: 'text', unit: s.unit, channel: 'portal',
      approvals: [
        { level: 'filler', by: s.users.filler, at: expect.any(String) },
        { level: 'leader', by: s.users.leader, at: expect.any(String) },
        { level: 'chief', by: s.users.chief, at: expect.any(String) },
      ],
      attachments: [],
    });
    expect(wechat.received[0].json.channel).toBe('wechat');

    const history = (published.history as Array<{ state: string }>).map((h) => h.state);
    expect(history.slice(-3)).toEqual(['approved', 'publishing', 'published']);
    await waitFor(async () => (cms.received.length ? true : undefined), 30_000, 'the published callback');
    expect(cms.received[0].verified).toBe(true);
    expect(cms.received[0].json).toEqual({ event: 'item.published', itemId: id, externalId: 'release-1', revision: 1, state: 'published' });

    // The receiver answers before the worker records the answer: wait for the row, not the request.
    const deliveries = await waitFor(async () => {
      const ds = await deliveriesOf(t, s.apiKey, id);
      return ds.every((d) => d.status === 'delivered') ? ds : undefined;
    }, 30_000, 'every delivery to be recorded as delivered');
    expect(deliveries.map((d) => [d.kind, d.channel, d.status])).toEqual(
      expect.arrayContaining([['release', 'portal', 'delivered'], ['release', 'wechat', 'delivered'], ['callback', null, 'delivered']]),
    );
    const portalDelivery = deliveries.find((d) => d.channel === 'portal')!;
    expect(portalDelivery.webhookId).toBe(p.id);
    expect(portalDelivery.attempts).toEqual([{ at: expect.any(String), statusCode: 200, durationMs: expect.any(Number), error: null }]);
  });

  it('retries 503 with the same webhook-id until the channel answers 200', async () => {
    const secret = newSecret();
    const flaky = await receiver(secret, (_, n) => (n < 2 ? 503 : 200));
    await addChannel(t, 'flaky', flaky.url, secret);
    const id = await submitAndApprove(t, s, tokens, 'retry-1', { channels: ['flaky'] });

    await waitForState(t, s.apiKey, id, 'published');
    expect(flaky.received).toHaveLength(3);
    expect(new Set(flaky.ids()).size).toBe(1);
    expect(flaky.received.every((r) => r.verified)).toBe(true);
    const [delivery] = await deliveriesOf(t, s.apiKey, id);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 3, webhookId: flaky.ids()[0] });
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([503, 503, 200]);
    expect(delivery.attempts[0].error).toMatch(/^HTTP 503/);
  });

  it('fails a 400 at once, keeps the item publishing, and an admin redelivers it with the same webhook-id', async () => {
    const secret = newSecret();
    let answer = 400;
    const strict = await receiver(secret, () => answer);
    await addChannel(t, 'strict', strict.url, secret);
    const id = await submitAndApprove(t, s, tokens, 'final-1', { channels: ['strict'] });

    const [failed] = await waitFor(async () => {
      const ds = await deliveriesOf(t, s.apiKey, id);
      return ds[0]?.status === 'failed' ? ds : undefined;
    }, 30_000, 'the delivery to fail');
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([400]);
    expect(strict.received).toHaveLength(1);
    const view = await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(view.body.state).toBe('publishing');

    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('Authorization', `Bearer ${tokens.chief}`).expect(403);
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('X-Api-Key', s.apiKey).expect(401);
    answer = 200;
    const redelivered = await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
    expect(redelivered.body).toMatchObject({ id: failed.id, status: 'pending', attemptCount: 0 });
    await waitForState(t, s.apiKey, id, 'published');
    expect(strict.received).toHaveLength(2);
    expect(strict.received[1].id).toBe(strict.received[0].id);
    const [after] = await deliveriesOf(t, s.apiKey, id);
    expect(after.attempts.map((a) => a.statusCode)).toEqual([400, 200]);
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set('Authorization', `Bearer ${tokens.admin}`).expect(409);
  });

  it('gives up after the configured attempts on a channel that keeps failing', async () => {
    const secret = newSecret();
    const down = await receiver(secret, () => 502);
    await addChannel(t, 'down', down.url, secret);
    const id = await submitAndApprove(t, s, tokens, 'exhaust-1', { channels: ['down'] });
    const [delivery] = await waitFor(async () => {
      const ds = await deliveriesOf(t, s.apiKey, id);
      return ds[0]?.status === 'failed' ? ds : undefined;
    }, 30_000, 'the delivery to run out of attempts');
    expect(delivery.attempts).toHaveLength(4);
    expect(down.received).toHaveLength(4);
    expect(new Set(down.ids()).size).toBe(1);
  });

  it('refuses an unknown or deactivated channel with 422 naming the field', async () => {
    const unknown = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'unknown-1', { channels: ['nowhere'] })).expect(422);
    expect(unknown.body).toMatchObject({ statusCode: 422, field: 'channels' });
    expect(unknown.body.message).toMatch(/nowhere/);
    // The unit's own channel, so its admin may deactivate it (service-wide ones are the operator's).
    await addChannel(t, 'retired', 'http://127.0.0.1:9/hook', newSecret(), s.unit);
    await t.http.delete('/api/v1/channels/retired').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'retired-1', { channels: ['retired'] })).expect(422);
  });

  it('manages channels through the admin API without ever returning a secret', async () => {
    await t.http.get('/api/v1/channels').set('Authorization', `Bearer ${tokens.leader}`).expect(403);
    await t.http.get('/api/v1/channels').set('X-Api-Key', s.apiKey).expect(401);
    const created = await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'gazette', url: 'http://127.0.0.1:9/gazette' }).expect(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.body.channel).toMatchObject({ name: 'gazette', active: true, secrets: 1 });
    await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'gazette', url: 'http://127.0.0.1:9/x' }).expect(409);
    const badSecret = await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'screens', url: 'http://127.0.0.1:9/s', secret: 'plain' }).expect(422);
    expect(badSecret.body.field).toBe('secret');
    const badUrl = await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'screens', url: 'ftp://x' }).expect(422);
    expect(badUrl.body.field).toBe('url');

    const rotated = await t.http.post('/api/v1/channels/gazette/secrets').set('Authorization', `Bearer ${tokens.admin}`).send({}).expect(201);
    expect(rotated.body.channel.secrets).toBe(2);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const retired = await t.http.delete('/api/v1/channels/gazette/secrets/previous').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(retired.body.secrets).toBe(1);

    const list = await t.http.get('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    const names = list.body.channels.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['gazette', 'portal', 'retired']));
    expect(JSON.stringify(list.body)).not.toMatch(/whsec_/);
    expect(list.body.channels.find((c: { name: string }) => c.name === 'retired').active).toBe(false);
    await t.http.delete('/api/v1/channels/nope').set('Authorization', `Bearer ${tokens.admin}`).expect(404);

    const generated = await t.cli('channel:add', 'screens', '--url', 'https://screens.example.gov.cn/hook');
    expect(generated.code).toBe(0);
    expect(generated.out[generated.out.length - 1]).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const misuse = await t.cli('channel:add', 'bad', '--url', 'http://x/', '--secret', 'not-a-secret');
    expect(misuse.code).toBe(2);
    expect(misuse.err.join()).toMatch(/whsec_/);
  });

  it('signs with both secrets during a rotation, so the receiver may hold either', async () => {
    const oldSecret = newSecret();
    const rotating = await receiver(oldSecret);
    await addChannel(t, 'rotating', rotating.url, oldSecret, s.unit);
    const added = await t.http.post('/api/v1/channels/rotating/secrets').set('Authorization', `Bearer ${tokens.admin}`).send({}).expect(201);
    const id = await submitAndApprove(t, s, tokens, 'rotate-1', { channels: ['rotating'] });
    await waitForState(t, s.apiKey, id, 'published');
    const [r] = rotating.received;
    expect(r.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature };
    expect(() => verifyWebhook(oldSecret, headers, r.body)).not.toThrow();
    expect(() => verifyWebhook(added.body.secret as string, headers, r.body)).not.toThrow();
  });
});
