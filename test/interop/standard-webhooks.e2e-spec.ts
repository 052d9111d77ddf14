import { Webhook } from 'standardwebhooks';
import { seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { StandardReceiver } from './standard-receiver';

describe('releases and callbacks verify with the standardwebhooks package', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  const receivers: StandardReceiver[] = [];
  const receiver = async (secrets: string[], answer?: (index: number) => number) => {
    const r = await new StandardReceiver(secrets, answer).start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '4' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t?.close();
  });

  it('a release whose 2xx was lost arrives again with the same webhook-id and is handled once; the CMS callback verifies too', async () => {
    const secret = newSecret();
    // The first answer is lost (503 after handling it): the retry must carry the same id so the receiver skips it.
    const portal = await receiver([secret], (index) => (index === 0 ? 503 : 204));
    const cms = await receiver([s.callbackSecret]);
    await addChannel(t, 'portal', portal.url, secret);
    const id = await submitAndApprove(t, s, tokens, 'interop-1', { callbackUrl: cms.url });
    await waitForState(t, s.apiKey, id, 'published');

    expect(portal.requests.map((r) => [r.verified, r.duplicate])).toEqual([[true, false], [true, true]]);
    expect(new Set(portal.requests.map((r) => r.id)).size).toBe(1);
    expect(portal.handled).toHaveLength(1);
    expect(portal.handled[0]).toMatchObject({ event: 'item.released', itemId: id, externalId: 'interop-1', channel: 'portal' });
    const published = await waitFor(async () => cms.handled.find((e) => e.event === 'item.published'), 10_000, 'the item.published callback');
    expect(published).toMatchObject({ itemId: id, state: 'published' });
    expect(cms.requests.every((r) => r.verified)).toBe(true);

    // The package refuses what the service did not sign, as the receiver relies on.
    expect(() => new Webhook(secret).verify('{"event":"item.released"}', { 'webhook-id': portal.requests[0].id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' })).toThrow();
  });

  it('during a secret rotation each release carries both signatures: a receiver on the old or on the new secret verifies it; a recall too', async () => {
    const old = newSecret();
    const onOld = await receiver([old]);
    await addChannel(t, 'screens', onOld.url, old);
    const rotated = await t.cli('channel:add-secret', 'screens');
    expect(rotated.code).toBe(0);
    const fresh = rotated.out[rotated.out.length - 1];
    expect(fresh).toMatch(/^whsec_/);
    const id = await submitAndApprove(t, s, tokens, 'interop-2', { channels: ['screens'] });
    await waitForState(t, s.apiKey, id, 'published');
    await t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${tokens.chief}`).send({ comment: '测试撤稿' }).expect(200);
    await waitFor(async () => (onOld.handled.some((e) => e.event === 'item.recalled') ? true : undefined), 10_000, 'the recall');
    expect(onOld.requests.every((r) => r.verified)).toBe(true);
    expect(onOld.handled.map((e) => e.event)).toEqual(['item.released', 'item.recalled']);

    // The same bytes verify with only the new secret: both signatures are in the header.
    const onNew = await receiver([fresh]);
    await t.orm.em.fork().getConnection().execute('update channels set url = ? where name = ?', [onNew.url, 'screens']);
    const second = await submitAndApprove(t, s, tokens, 'interop-3', { channels: ['screens'] });
    await waitForState(t, s.apiKey, second, 'published');
    expect(onNew.requests.map((r) => r.verified)).toEqual([true]);
  });
});
