import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { addChannel, newSecret, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';

/**
 * The queue shows exactly what a person may decide now: items at their level in their unit, except those they
 * acted on at another level (an override or a return counts as the admin's level). These are the paths that used
 * to make items vanish from the queue of the person who must decide them.
 */
describe('review queue: what each person may decide now', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let portal: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '2000', OCR: 'off' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    const secret = newSecret();
    portal = await WebhookReceiver.start(secret);
    await addChannel(t, 'portal', portal.url, secret);
  });
  afterAll(async () => {
    await portal?.close();
    await t?.close();
  });

  const submit = (externalId: string, overrides = {}) => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, overrides));
  const decide = (id: string, token: string, body: object) => t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send(body).expect(200);
  const queueOf = async (token: string): Promise<Array<{ id: string; level: string; revision: number }>> =>
    (await t.http.get('/api/v1/reviews/queue?limit=200').set('Authorization', `Bearer ${token}`).expect(200)).body.items;
  const inQueue = async (token: string, id: string) => (await queueOf(token)).find((e) => e.id === id);

  it('(a) a rejected item whose revision 2 arrives waits at the filler and is in that filler\'s queue', async () => {
    const { body } = await submit('reject-resubmit').expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    await decide(body.id, tokens.filler, { decision: 'reject', revision: 1, comment: '请删除联系人手机号' });
    expect(await inQueue(tokens.filler, body.id)).toBeUndefined();

    await submit('reject-resubmit', { body: '各科室：请按要求做好政务公开工作（已修改）。' }).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    expect(await inQueue(tokens.filler, body.id)).toMatchObject({ level: 'filler', revision: 2 });
    await decide(body.id, tokens.filler, { decision: 'approve', revision: 2 });
    expect(await inQueue(tokens.leader, body.id)).toMatchObject({ level: 'leader', revision: 2 });
  });

  it('(b) after 报审 and the admin\'s 退回初审 the item is back in the referring filler\'s queue, and not in the admin\'s', async () => {
    const { body } = await submit('refer-return').expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    await decide(body.id, tokens.filler, { decision: 'refer', revision: 1, comment: '涉及敏感内容，请保密办审查' });
    expect(await inQueue(tokens.admin, body.id)).toMatchObject({ level: 'admin' });
    expect(await inQueue(tokens.filler, body.id)).toBeUndefined();

    await t.http.post(`/api/v1/items/${body.id}/return`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '经审查可以公开' }).expect(200);
    expect(await inQueue(tokens.filler, body.id)).toMatchObject({ level: 'filler', revision: 1 });
    await decide(body.id, tokens.filler, { decision: 'approve', revision: 1 });
    expect(await inQueue(tokens.leader, body.id)).toMatchObject({ level: 'leader' });
  });

  it('(c) after a recall and a resubmission each level\'s earlier reviewer sees it again at that level', async () => {
    const { body } = await submit('recall-resubmit').expect(202);
    const id = body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    for (const level of ['filler', 'leader', 'chief'] as const) await decide(id, tokens[level], { decision: 'approve', revision: 1 });
    await waitForState(t, s.apiKey, id, 'published');
    await t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '第1版有误，撤稿' }).expect(200);
    await waitForState(t, s.apiKey, id, 'recalled');

    await submit('recall-resubmit', { body: '各科室：更正后的正文。' }).expect(202);
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    for (const level of ['filler', 'leader', 'chief'] as const) {
      expect(await inQueue(tokens[level], id)).toMatchObject({ level, revision: 2 });
      await decide(id, tokens[level], { decision: 'approve', revision: 2 });
    }
  });

  it('hides an item from a person who acted on it at another level, whatever roles they hold', async () => {
    await t.cli('user:add', 'two-roles', '--role', 'filler', '--role', 'leader', '--unit', s.unit, '--password', 'correct-horse-9');
    await t.cli('user:add', 'filler-admin', '--role', 'filler', '--role', 'admin', '--unit', s.unit, '--password', 'correct-horse-9');
    const twoRoles = await login(t, 'two-roles');
    const fillerAdmin = await login(t, 'filler-admin');

    const decided = await submit('two-roles').expect(202);
    await waitForState(t, s.apiKey, decided.body.id, 'awaiting_filler');
    expect(await inQueue(twoRoles, decided.body.id)).toMatchObject({ level: 'filler' });
    await decide(decided.body.id, twoRoles, { decision: 'approve', revision: 1 });
    // At 复审 now: the leader sees it, the person who did 初审 does not, though they are a leader too.
    expect(await inQueue(tokens.leader, decided.body.id)).toMatchObject({ level: 'leader' });
    expect(await inQueue(twoRoles, decided.body.id)).toBeUndefined();

    // An override is the admin's level: the one who overrode does not see the item at 初审.
    const blocked = await submit('overridden', { body: '机密★10年\n关于某项工作的通知' }).expect(202);
    await waitForState(t, s.apiKey, blocked.body.id, 'blocked');
    expect(await inQueue(fillerAdmin, blocked.body.id)).toMatchObject({ level: 'admin' });
    await t.http.post(`/api/v1/items/${blocked.body.id}/override`).set('Authorization', `Bearer ${fillerAdmin}`).send({ comment: '示例文本，经保密办确认' }).expect(200);
    expect(await inQueue(fillerAdmin, blocked.body.id)).toBeUndefined();
    expect(await inQueue(tokens.filler, blocked.body.id)).toMatchObject({ level: 'filler' });

    // And a filler who referred does not see the item with the secrecy office, though they are an admin too.
    const referred = await submit('referred-by-admin').expect(202);
    await waitForState(t, s.apiKey, referred.body.id, 'awaiting_filler');
    await decide(referred.body.id, fillerAdmin, { decision: 'refer', revision: 1, comment: '请保密办审查' });
    expect(await inQueue(fillerAdmin, referred.body.id)).toBeUndefined();
    expect(await inQueue(tokens.admin, referred.body.id)).toMatchObject({ level: 'admin' });
  });

  it('shows nothing of another unit', async () => {
    const other = await seedUnit(t, 'u2', '-2');
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', other.apiKey).send(itemBody(other.unit, 'elsewhere')).expect(202);
    await waitForState(t, other.apiKey, body.id, 'awaiting_filler');
    expect(await inQueue(await login(t, other.users.filler), body.id)).toMatchObject({ level: 'filler' });
    expect(await inQueue(tokens.filler, body.id)).toBeUndefined();
  });
});
