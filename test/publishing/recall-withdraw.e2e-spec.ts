import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

describe('recall, withdraw and CMS callbacks', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let cms: WebhookReceiver;
  const channels: Record<string, WebhookReceiver> = {};
  let failNext = true;

  beforeAll(async () => {
    // Backoff of about a second, so a withdraw lands between the attempts of a retrying delivery.
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '1000', DELIVERY_TIMEOUT_MS: '2000' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    cms = await WebhookReceiver.start(s.callbackSecret);
    const answers: Record<string, () => number> = { alpha: () => 200, beta: () => 200, refuser: () => 400, busy: () => 503, flaky: () => (failNext ? 503 : 200) };
    for (const [name, answer] of Object.entries(answers)) {
      const secret = newSecret();
      channels[name] = await WebhookReceiver.start(secret, answer);
      await addChannel(t, name, channels[name].url, secret);
    }
  });
  afterAll(async () => {
    await Promise.all([cms, ...Object.values(channels)].filter(Boolean).map((r) => r.close()));
    await t?.close();
  });

  const eventsFor = (r: WebhookReceiver, itemId: string) => r.events().filter((e) => e.itemId === itemId);

  it('recalls to exactly the channels that accepted the release, with a written reason', async () => {
    const id = await submitAndApprove(t, s, tokens, 'recall-1', { channels: ['alpha', 'beta', 'refuser'], callbackUrl: cms.url });
    const releases = await waitFor(async () => {
      // The CMS callbacks (item.delivery_failed for refuser) are not releases.
      const rs = (await deliveriesOf(t, s.apiKey, id)).filter((d) => d.kind === 'release');
      return rs.every((d) => d.status !== 'pending') ? rs : undefined;
    }, 30_000, 'every release to settle');
    expect(releases.map((d) => [d.channel, d.status]).sort()).toEqual([['alpha', 'delivered'], ['beta', 'delivered'], ['refuser', 'failed']]);

    const other = await seedUnit(t, 'u2', '-2');
    const otherLeader = await login(t, other.users.leader);
    const recall = (token: string, comment: string) => t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${token}`).send({ comment });
    await recall(tokens.filler, '撤稿').expect(403);
    // Another unit's item is not found, as on reads.
    await recall(otherLeader, '撤稿').expect(404);
    expect((await recall(tokens.leader, '  ').expect(422)).body.field).toBe('comment');
    const recalled = await recall(tokens.leader, '发现个人信息未脱敏，撤稿').expect(200);
    expect(recalled.body).toMatchObject({ id, state: 'recalled', recalledChannels: ['alpha', 'beta'] });

    await waitFor(async () => (eventsFor(channels.alpha, id).length === 2 && eventsFor(channels.beta, id).length === 2 ? true : undefined), 30_000, 'both recalls');
    for (const name of ['alpha', 'beta']) {
      const [release, recallEvent] = channels[name].received.filter((r) => r.json.itemId === id);
      expect(recallEvent.verified).toBe(true);
      expect(recallEvent.json).toMatchObject({ event: 'item.recalled', itemId: id, channel: name, revision: 1, releaseId: release.id, reason: '发现个人信息未脱敏，撤稿' });
      expect(recallEvent.id).not.toBe(release.id);
    }
    expect(eventsFor(channels.refuser, id).map((e) => e.event)).toEqual(['item.released']);

    const callback = await waitFor(async () => cms.events().find((e) => e.itemId === id && e.event === 'item.recalled'), 30_000, 'the recalled callback');
    expect(callback).toEqual({ event: 'item.recalled', itemId: id, externalId: 'recall-1', revision: 1, state: 'recalled', reasons: ['发现个人信息未脱敏，撤稿'] });
    await recall(tokens.chief, '再次撤稿').expect(409);
    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);
  });

  it('withdraws before the chief decides: nothing is created, nothing is sent', async () => {
    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'withdraw-1', { channels: ['alpha'] })).expect(202);
    const id = submitted.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens.filler}`).send({ decision: 'approve', revision: 1 }).expect(200);

    const other = await seedUnit(t, 'u3', '-3');
    await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', other.apiKey).expect(404);
    // Withdrawing is the CMS's act; a person's token is not a client's key.
    await t.http.delete(`/api/v1/items/${id}`).set('Authorization', `Bearer ${tokens.admin}`).expect(401);
    const withdrawn = await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(withdrawn.body).toMatchObject({ id, state: 'withdrawn', cancelledDeliveries: 0 });
    await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens.leader}`).send({ decision: 'approve', revision: 1 }).expect(409);
    expect(await deliveriesOf(t, s.apiKey, id)).toEqual([]);
    expect(eventsFor(channels.alpha, id)).toEqual([]);
  });

  it('withdraws while a delivery is retrying: it is cancelled and its channel hears nothing more', async () => {
    const id = await submitAndApprove(t, s, tokens, 'withdraw-2', { channels: ['busy'] });
    await waitFor(async () => (eventsFor(channels.busy, id).length >= 1 ? true : undefined), 30_000, 'the first attempt');
    const withdrawn = await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', cancelledDeliveries: 1 });
    const seen = eventsFor(channels.busy, id).length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(eventsFor(channels.busy, id)).toHaveLength(seen);
    const [delivery] = await deliveriesOf(t, s.apiKey, id);
    expect(delivery.status).toBe('cancelled');
    expect(delivery.lastError).toMatch(/withdrew/);
  });

  it('refuses to withdraw a released item: that is a recall', async () => {
    failNext = false;
    const id = await submitAndApprove(t, s, tokens, 'withdraw-3', { channels: ['flaky'] });
    await waitForState(t, s.apiKey, id, 'published');
    const refused = await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(409);
    expect(refused.body.message).toMatch(/recall/);
  });

  it('calls the CMS back on rejection and on a block, with the reasons', async () => {
    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'reject-1', { channels: ['alpha'], callbackUrl: cms.url })).expect(202);
    const id = submitted.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens.filler}`).send({ decision: 'reject', revision: 1, comment: '请删除个人手机号' }).expect(200);
    const rejected = await waitFor(async () => cms.received.find((r) => r.json.itemId === id), 30_000, 'the rejected callback');
    expect(rejected.verified).toBe(true);
    expect(rejected.json).toEqual({ event: 'item.rejected', itemId: id, externalId: 'reject-1', revision: 1, state: 'rejected', reasons: ['请删除个人手机号'] });

    const blocked = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'block-1', { body: '机密★10年\n关于某项工作的通知', channels: ['alpha'], callbackUrl: cms.url })).expect(202);
    const event = await waitFor(async () => cms.events().find((e) => e.itemId === blocked.body.id), 30_000, 'the blocked callback');
    expect(event).toMatchObject({ event: 'item.blocked', state: 'blocked', revision: 1 });
    expect((event.reasons as string[]).join()).toMatch(/国家秘密标志/);
    expect(eventsFor(channels.alpha, blocked.body.id as string)).toEqual([]);
  });
});
