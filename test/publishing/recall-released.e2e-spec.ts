import { createHash } from 'node:crypto';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, deliveriesOf, DeliveryJson, newSecret, Tokens, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

const NOTICE = Buffer.from('关于做好政务公开工作的通知（附件）\n联系电话：0817-2222222。\n', 'utf8');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('recall follows what was released, not the item\'s current state', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let cms: WebhookReceiver;
  const channels: Record<string, WebhookReceiver> = {};

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '2000', OCR: 'off' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    cms = await WebhookReceiver.start(s.callbackSecret);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const secret = newSecret();
      channels[name] = await WebhookReceiver.start(secret);
      await addChannel(t, name, channels[name].url, secret);
    }
  });
  afterAll(async () => {
    await Promise.all([cms, ...Object.values(channels)].filter(Boolean).map((r) => r.close()));
    await t?.close();
  });

  const eventsFor = (r: WebhookReceiver, itemId: string) => r.received.filter((e) => e.json.itemId === itemId);
  const submit = (externalId: string, overrides: Record<string, unknown>) =>
    t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, externalId, { callbackUrl: cms.url }), ...overrides });
  const approveAll = async (id: string, revision: number) => {
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    for (const level of ['filler', 'leader', 'chief'] as const) {
      await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens[level]}`).send({ decision: 'approve', revision }).expect(200);
    }
  };
  const recall = (token: string, id: string, comment: string) => t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${token}`).send({ comment });

  it('recalls the published revision while a newer one is in review; the CMS cannot withdraw it first', async () => {
    const first = await submit('newer-in-review', { channels: ['alpha', 'beta'], attachments: [{ filename: '附件一.txt', data: NOTICE.toString('base64') }] }).expect(202);
    const id = first.body.id as string;
    await approveAll(id, 1);
    await waitForState(t, s.apiKey, id, 'published');
    const released = Object.fromEntries(['alpha', 'beta'].map((name) => [name, eventsFor(channels[name], id)[0]]));
    expect(released.alpha.json.attachments).toEqual([expect.objectContaining({ filename: '附件一.txt', sha256: sha256(NOTICE) })]);

    // The CMS sends a correction: revision 2 is in review, revision 1 is still on both channels.
    await submit('newer-in-review', { channels: ['alpha'], body: '更正后的正文。' }).expect(202);
    await waitForState(t, s.apiKey, id, 'awaiting_filler');

    // Withdrawing would leave revision 1 on the channels for good: refused, pointing at recall.
    const withdraw = await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(409);
    expect(withdraw.body.message).toMatch(/alpha \(revision 1\), beta \(revision 1\).*recall it, then withdraw/);

    await recall(tokens.filler, id, '撤稿').expect(403);
    const done = await recall(tokens.admin, id, '第1版含未脱敏个人信息，撤稿').expect(200);
    expect(done.body).toEqual({
      id, state: 'awaiting_filler', revision: 2, recalledChannels: ['alpha', 'beta'],
      recalled: [{ channel: 'alpha', revision: 1 }, { channel: 'beta', revision: 1 }],
    });

    for (const name of ['alpha', 'beta']) {
      const recallEvent = await waitFor(async () => eventsFor(channels[name], id).find((e) => e.json.event === 'item.recalled'), 30_000, `the recall at ${name}`);
      expect(recallEvent.verified).toBe(true);
      expect(recallEvent.json).toMatchObject({
        event: 'item.recalled', itemId: id, revision: 1, channel: name, releaseId: released[name].id, contentHash: released[name].json.contentHash,
        attachments: [{ filename: '附件一.txt', sha256: sha256(NOTICE) }], reason: '第1版含未脱敏个人信息，撤稿',
      });
    }
    const callback = await waitFor(async () => cms.received.find((e) => e.json.itemId === id && e.json.event === 'item.recalled'), 30_000, 'the CMS callback');
    expect(callback.verified).toBe(true);
    expect(callback.json).toEqual({
      event: 'item.recalled', itemId: id, externalId: 'newer-in-review', revision: 1, revisions: [1], state: 'awaiting_filler', currentRevision: 2,
      reasons: ['第1版含未脱敏个人信息，撤稿'],
    });
    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);

    // The review of revision 2 goes on; nothing is left to recall, and now the CMS may withdraw.
    const item = await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(item.body).toMatchObject({ state: 'awaiting_filler', revision: 2 });
    expect((await recall(tokens.leader, id, '再撤一次').expect(409)).body.message).toMatch(/nothing to recall/);
    await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    const recalls = (await deliveriesOf(t, s.apiKey, id)).filter((d) => d.kind === 'recall');
    expect(recalls.map((d) => [d.channel, (d as DeliveryJson & { revision: number }).revision]).sort()).toEqual([['alpha', 1], ['beta', 1]]);
    // The unit's report counts the 撤稿 although the item never entered the recalled state.
    const report = await t.http.get('/api/v1/reports/summary').set('Authorization', `Bearer ${tokens.chief}`).expect(200);
    expect(report.body.inPeriod.recalls).toBe(1);
    expect(report.body.inPeriod.entered.recalled).toBe(0);
  });

  it('recalling a republished item also takes down what channels hold of earlier revisions', async () => {
    const first = await submit('republished', { channels: ['alpha', 'gamma'] }).expect(202);
    const id = first.body.id as string;
    await approveAll(id, 1);
    await waitForState(t, s.apiKey, id, 'published');
    // Revision 2 goes to alpha only: gamma keeps revision 1.
    await submit('republished', { channels: ['alpha'], body: '第二版正文。' }).expect(202);
    await approveAll(id, 2);
    await waitForState(t, s.apiKey, id, 'published');

    const done = await recall(tokens.chief, id, '整体撤稿').expect(200);
    expect(done.body).toMatchObject({ state: 'recalled', revision: 2, recalled: [{ channel: 'alpha', revision: 1 }, { channel: 'gamma', revision: 1 }, { channel: 'alpha', revision: 2 }] });
    expect(done.body.recalledChannels).toEqual(['alpha', 'gamma']);
    await waitFor(async () => (eventsFor(channels.gamma, id).some((e) => e.json.event === 'item.recalled') ? true : undefined), 30_000, 'gamma\'s recall');
    const alphaRecalls = await waitFor(async () => {
      const got = eventsFor(channels.alpha, id).filter((e) => e.json.event === 'item.recalled');
      return got.length === 2 ? got : undefined;
    }, 30_000, 'alpha\'s recalls');
    expect(alphaRecalls.map((e) => e.json.revision).sort()).toEqual([1, 2]);
    expect(eventsFor(channels.gamma, id).find((e) => e.json.event === 'item.recalled')!.json).toMatchObject({ revision: 1, channel: 'gamma' });
  });

  it('refuses a recall when nothing was released, and does not find another unit\'s item', async () => {
    const submitted = await submit('never-released', { channels: ['alpha'] }).expect(202);
    const id = submitted.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    expect((await recall(tokens.admin, id, '撤稿').expect(409)).body.message).toMatch(/awaiting_filler and no channel holds a release/);
    const other = await seedUnit(t, 'u2', '-2');
    // Another unit's item is not found, as on reads.
    await recall(await login(t, other.users.admin), id, '撤稿').expect(404);
    await t.http.delete(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
  });
});
