import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

interface ChannelJson {
  name: string;
  unit: string | null;
  active: boolean;
  secrets: number;
}

describe('channels owned by units (admin API, operator CLI, submissions)', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  let tokens: Tokens;
  let otherAdmin: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '2000' });
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-2');
    tokens = await tokensOf(t, s);
    otherAdmin = await login(t, other.users.admin);
    await addChannel(t, 'portal', 'http://127.0.0.1:9/portal', newSecret());
    await addChannel(t, 'u1-screens', 'http://127.0.0.1:9/screens', newSecret(), s.unit);
    await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${otherAdmin}`).send({ name: 'u2-wechat', url: 'http://127.0.0.1:9/wechat' }).expect(201);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  const as = (token: string) => ({
    list: () => t.http.get('/api/v1/channels').set('Authorization', `Bearer ${token}`),
    add: (body: object) => t.http.post('/api/v1/channels').set('Authorization', `Bearer ${token}`).send(body),
    deactivate: (name: string) => t.http.delete(`/api/v1/channels/${name}`).set('Authorization', `Bearer ${token}`),
    addSecret: (name: string) => t.http.post(`/api/v1/channels/${name}/secrets`).set('Authorization', `Bearer ${token}`).send({}),
    retireSecret: (name: string) => t.http.delete(`/api/v1/channels/${name}/secrets/previous`).set('Authorization', `Bearer ${token}`),
  });
  const channelsSeenBy = async (token: string) => (await as(token).list().expect(200)).body.channels as ChannelJson[];
  const submit = (externalId: string, channels: string[]) => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, { channels }));

  it('lists the service-wide channels and the admin\'s own unit\'s, never another unit\'s', async () => {
    const mine = await channelsSeenBy(tokens.admin);
    expect(mine.map((c) => [c.name, c.unit])).toEqual([['portal', null], ['u1-screens', s.unit]]);
    const theirs = await channelsSeenBy(otherAdmin);
    expect(theirs.map((c) => [c.name, c.unit])).toEqual([['portal', null], ['u2-wechat', other.unit]]);
    await as(tokens.chief).list().expect(403);
  });

  it('lets an admin add channels for their own unit only', async () => {
    const created = await as(tokens.admin).add({ name: 'u1-gazette', url: 'http://127.0.0.1:9/gazette' }).expect(201);
    expect(created.body.channel).toMatchObject({ name: 'u1-gazette', unit: s.unit, active: true, secrets: 1 });
    const explicit = await as(tokens.admin).add({ name: 'u1-board', url: 'http://127.0.0.1:9/board', unit: s.unit }).expect(201);
    expect(explicit.body.channel.unit).toBe(s.unit);

    const forOther = await as(tokens.admin).add({ name: 'sneaky', url: 'http://127.0.0.1:9/x', unit: other.unit }).expect(403);
    expect(forOther.body.message).toMatch(/own unit/);
    const serviceWide = await as(tokens.admin).add({ name: 'sneaky', url: 'http://127.0.0.1:9/x', unit: '' }).expect(403);
    expect(serviceWide.body.message).toMatch(/operator/);
    await as(tokens.leader).add({ name: 'sneaky', url: 'http://127.0.0.1:9/x' }).expect(403);
    // Names are service-wide: another unit's name is taken, but nothing else about it is told.
    const taken = await as(tokens.admin).add({ name: 'u2-wechat', url: 'http://127.0.0.1:9/x' }).expect(409);
    expect(taken.body.message).toBe('channel u2-wechat exists already');
    expect((await channelsSeenBy(otherAdmin)).map((c) => c.name)).not.toContain('sneaky');
  });

  it('refuses to deactivate or rotate a service-wide channel through the API, naming the operator\'s CLI', async () => {
    for (const call of [as(tokens.admin).deactivate('portal'), as(tokens.admin).addSecret('portal'), as(tokens.admin).retireSecret('portal')]) {
      const refused = await call.expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect(refused.body.message).toMatch(/service-wide channel.*operator.*CLI/);
    }
    expect((await channelsSeenBy(tokens.admin)).find((c) => c.name === 'portal')).toMatchObject({ active: true, secrets: 1 });
  });

  it('answers 404 for another unit\'s channel, as for one that does not exist', async () => {
    const missing = await as(tokens.admin).deactivate('no-such-channel').expect(404);
    const theirs = await as(tokens.admin).deactivate('u2-wechat').expect(404);
    expect(theirs.body.message).toBe(missing.body.message.replace('no-such-channel', 'u2-wechat'));
    await as(tokens.admin).addSecret('u2-wechat').expect(404);
    await as(tokens.admin).retireSecret('u2-wechat').expect(404);
    expect((await channelsSeenBy(otherAdmin)).find((c) => c.name === 'u2-wechat')).toMatchObject({ active: true, secrets: 1 });
  });

  it('lets an admin rotate and deactivate their own unit\'s channel', async () => {
    const rotated = await as(tokens.admin).addSecret('u1-screens').expect(201);
    expect(rotated.body.channel.secrets).toBe(2);
    expect((await as(tokens.admin).retireSecret('u1-screens').expect(200)).body.secrets).toBe(1);
    await as(tokens.admin).add({ name: 'u1-old', url: 'http://127.0.0.1:9/old' }).expect(201);
    expect((await as(tokens.admin).deactivate('u1-old').expect(200)).body).toMatchObject({ unit: s.unit, active: false });
    // A deactivated channel comes back only for its owner: another unit may not take it over.
    await as(otherAdmin).add({ name: 'u1-old', url: 'http://127.0.0.1:9/theirs' }).expect(409);
    const back = await as(tokens.admin).add({ name: 'u1-old', url: 'http://127.0.0.1:9/back' }).expect(201);
    expect(back.body.channel).toMatchObject({ unit: s.unit, active: true });
  });

  it('accepts submissions only to active channels that are service-wide or the item\'s unit\'s, and hides the rest as unknown', async () => {
    await submit('ch-1', ['portal', 'u1-screens']).expect(202);
    const theirs = await submit('ch-2', ['portal', 'u2-wechat']).expect(422);
    const missing = await submit('ch-3', ['portal', 'u2-nothing']).expect(422);
    expect(theirs.body).toMatchObject({ statusCode: 422, field: 'channels', message: 'unknown channel(s): u2-wechat' });
    expect(missing.body.message).toBe('unknown channel(s): u2-nothing');
    await addChannel(t, 'u1-retired', 'http://127.0.0.1:9/retired', newSecret(), s.unit);
    await as(tokens.admin).deactivate('u1-retired').expect(200);
    expect((await submit('ch-4', ['u1-retired']).expect(422)).body.message).toBe('unknown channel(s): u1-retired');
    // u2's own client may use u2's channel.
    await t.http.post('/api/v1/items').set('X-Api-Key', other.apiKey).send(itemBody(other.unit, 'ch-5', { channels: ['portal', 'u2-wechat'] })).expect(202);
    // A refused submission wrote nothing: the same externalId with good channels is a new item, at revision 1.
    expect((await submit('ch-2', ['portal']).expect(202)).body).toMatchObject({ revision: 1 });
    // A new revision is held to the same rule (it is checked apart from the insert of a new item).
    const revised = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'ch-1', { channels: ['portal', 'u2-wechat'], body: '第二稿：各单位按要求报送。' })).expect(422);
    expect(revised.body.message).toBe('unknown channel(s): u2-wechat');
  });

  it('releases an approved item to its unit\'s channel and a service-wide one alike', async () => {
    const ownSecret = newSecret();
    const sharedSecret = newSecret();
    const own = await WebhookReceiver.start(ownSecret);
    const shared = await WebhookReceiver.start(sharedSecret);
    receivers.push(own, shared);
    await as(tokens.admin).add({ name: 'u1-live', url: own.url, secret: ownSecret }).expect(201);
    await addChannel(t, 'shared-live', shared.url, sharedSecret);
    const id = await submitAndApprove(t, s, tokens, 'ch-release-1', { channels: ['u1-live', 'shared-live'] });
    await waitForState(t, s.apiKey, id, 'published');
    expect(own.received.map((r) => [r.verified, r.json.channel])).toEqual([[true, 'u1-live']]);
    expect(shared.received.map((r) => [r.verified, r.json.channel])).toEqual([[true, 'shared-live']]);
  });

  it('lets the operator manage any channel with the CLI', async () => {
    const list = await t.cli('channel:list');
    expect(list.code).toBe(0);
    expect(list.out).toEqual(expect.arrayContaining([
      expect.stringMatching(/^portal \(service-wide\): http:\/\/127\.0\.0\.1:9\/portal, 1 secret/),
      expect.stringMatching(/^u2-wechat \(unit u2\): /),
    ]));
    expect(list.out.join('\n')).not.toMatch(/whsec_/);

    const rotated = await t.cli('channel:add-secret', 'portal');
    expect(rotated.code).toBe(0);
    expect(rotated.out[rotated.out.length - 1]).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect((await t.cli('channel:retire-secret', 'portal')).code).toBe(0);
    const once = await t.cli('channel:retire-secret', 'portal');
    expect(once.code).toBe(2);
    expect(once.err.join('\n')).toMatch(/only one secret/);

    await addChannel(t, 'svc-old', 'http://127.0.0.1:9/svc', newSecret());
    const deactivated = await t.cli('channel:deactivate', 'svc-old');
    expect(deactivated).toMatchObject({ code: 0, out: [expect.stringMatching(/svc-old \(service-wide, deactivated\)/)] });
    expect((await t.cli('channel:deactivate', 'u2-wechat')).code).toBe(0);
    expect((await t.cli('channel:deactivate', 'nope')).code).toBe(2);
    const badUnit = await t.cli('channel:add', 'x', '--url', 'http://127.0.0.1:9/x', '--unit', 'nope');
    expect(badUnit.code).toBe(2);
    expect(badUnit.err.join('\n')).toMatch(/unit "nope" does not exist/);

    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);
  });
});
