import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('review flow over HTTP (one unit, three reviewers)', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Record<'filler' | 'leader' | 'chief' | 'admin', string>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    // The channel never answers (port 9 refuses): this file is about review, not delivery.
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    tokens = {
      filler: await login(t, s.users.filler),
      leader: await login(t, s.users.leader),
      chief: await login(t, s.users.chief),
      admin: await login(t, s.users.admin),
    };
  });
  afterAll(() => t?.close());

  const submit = (externalId: string, overrides = {}) => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, overrides));
  const decide = (id: string, who: keyof typeof tokens, body: object) =>
    t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens[who]}`).send(body);

  it('carries an item from submission through 初审, 复审 and 复核 to approved and on to publishing, with every step on the record', async () => {
    const submitted = await submit('flow-1').expect(202);
    expect(submitted.body).toMatchObject({ state: 'submitted', revision: 1 });
    expect(submitted.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const id = submitted.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');

    const queue = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${tokens.filler}`).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(queue.body.items[0]).toMatchObject({ level: 'filler', verdict: 'pass', revision: 1 });

    expect((await decide(id, 'filler', { decision: 'approve', revision: 1 }).expect(200)).body.state).toBe('awaiting_leader');
    expect((await decide(id, 'leader', { decision: 'approve', revision: 1, comment: '同意' }).expect(200)).body.state).toBe('awaiting_chief');
    // Approval hands the item to publishing in the same transaction.
    expect((await decide(id, 'chief', { decision: 'approve', revision: 1 }).expect(200)).body.state).toBe('publishing');

    const view = await t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(view.body.decisions.map((d: { level: string; by: string }) => [d.level, d.by])).toEqual([
      ['filler', s.users.filler],
      ['leader', s.users.leader],
      ['chief', s.users.chief],
    ]);
    expect(view.body.decisions.every((d: { contentHash: string }) => d.contentHash === submitted.body.contentHash)).toBe(true);
    expect(view.body.history.map((h: { state: string }) => h.state)).toEqual(['submitted', 'scanning', 'awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'approved', 'publishing']);
    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);
    expect(audit.out[0]).toMatch(/^ok \d+ events$/);
  });

  it('returns the same item for the same content, and a new revision that starts over for new content', async () => {
    const first = await submit('rev-1').expect(202);
    const again = await submit('rev-1').expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, revision: 1, contentHash: first.body.contentHash });
    await waitForState(t, s.apiKey, first.body.id, 'awaiting_filler');
    await decide(first.body.id, 'filler', { decision: 'approve', revision: 1 }).expect(200);

    const second = await submit('rev-1', { body: '各科室：内容已更新。' }).expect(202);
    expect(second.body).toMatchObject({ id: first.body.id, revision: 2 });
    await waitForState(t, s.apiKey, first.body.id, 'awaiting_filler');
    // The filler's approval of revision 1 does not carry over, and a decision on it is stale now.
    const stale = await decide(first.body.id, 'filler', { decision: 'approve', revision: 1 }).expect(409);
    expect(stale.body.message).toMatch(/revision 1 is stale/);
    await decide(first.body.id, 'filler', { decision: 'approve', revision: 2 }).expect(200);
  });

  it('refuses the wrong level with 403, another unit with 404, a missing reason with 422, and a second level for one person with 409', async () => {
    const other = await seedUnit(t, 'u2', '-2');
    const otherFiller = await login(t, other.users.filler);
    const { body } = await submit('refusals').expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');

    const wrongLevel = await decide(body.id, 'leader', { decision: 'approve', revision: 1 }).expect(403);
    expect(wrongLevel.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    // Another unit's item is not found, for writes as for reads (test/security/least-privilege).
    await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${otherFiller}`).send({ decision: 'approve', revision: 1 }).expect(404);
    const noReason = await decide(body.id, 'filler', { decision: 'reject', revision: 1, comment: '  ' }).expect(422);
    expect(noReason.body).toMatchObject({ field: 'comment' });
    const badBody = await decide(body.id, 'filler', { decision: 'maybe' }).expect(400);
    expect(badBody.body.message).toMatch(/decision/);
    expect(badBody.body.message).toMatch(/revision/);

    // One person holding two roles may act at only one level of an item.
    await t.cli('user:add', 'both', '--role', 'filler', '--role', 'leader', '--unit', s.unit, '--password', 'correct-horse-9');
    const both = await login(t, 'both');
    await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${both}`).send({ decision: 'approve', revision: 1 }).expect(200);
    const twice = await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${both}`).send({ decision: 'approve', revision: 1 }).expect(409);
    expect(twice.body.message).toMatch(/separation of duties/);
  });

  it('rejects and refers with a reason; an admin returns a referred item to its level', async () => {
    const { body } = await submit('refer-1').expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    await decide(body.id, 'filler', { decision: 'approve', revision: 1 }).expect(200);
    const referred = await decide(body.id, 'leader', { decision: 'refer', revision: 1, comment: '涉及敏感内容，请保密办审查' }).expect(200);
    expect(referred.body.state).toBe('referred');
    await t.http.post(`/api/v1/items/${body.id}/return`).set('Authorization', `Bearer ${tokens.leader}`).send({ comment: 'x' }).expect(403);
    const back = await t.http.post(`/api/v1/items/${body.id}/return`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '经审查可以公开' }).expect(200);
    expect(back.body.state).toBe('awaiting_leader');
    const rejected = await decide(body.id, 'leader', { decision: 'reject', revision: 1, comment: '请删除个人信息' }).expect(200);
    expect(rejected.body.state).toBe('rejected');
  });

  it('blocks an item with a secrecy marking until an admin overrides it with a reason', async () => {
    const { body } = await submit('blocked-1', { body: '机密★10年\n关于某项工作的通知' }).expect(202);
    const blocked = await waitForState(t, s.apiKey, body.id, 'blocked');
    expect((blocked.scan as { verdict: string }).verdict).toBe('block');
    await t.http.post(`/api/v1/items/${body.id}/override`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '' }).expect(422);
    await t.http.post(`/api/v1/items/${body.id}/override`).set('Authorization', `Bearer ${tokens.chief}`).send({ comment: '误报' }).expect(403);
    const overridden = await t.http.post(`/api/v1/items/${body.id}/override`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '标志为示例文本，经保密办确认' }).expect(200);
    expect(overridden.body.state).toBe('awaiting_filler');
  });

  it('answers bad input with 4xx JSON naming the field', async () => {
    await t.http.post('/api/v1/items').send(itemBody(s.unit, 'x')).expect(401);
    await t.http.post('/api/v1/items').set('X-Api-Key', 'clk_wrong').send(itemBody(s.unit, 'x')).expect(401);
    const unit = await submit('x', { unit: 'nope' }).expect(422);
    expect(unit.body).toMatchObject({ statusCode: 422, field: 'unit' });
    const missing = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ unit: s.unit }).expect(400);
    expect(missing.body.message).toMatch(/externalId/);
    expect(missing.body.message).toMatch(/body/);
    const big = await submit('big', { body: '字'.repeat(700_000) }).expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, field: 'body' });
    const malformed = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).set('Content-Type', 'application/json').send('{"externalId":').expect(400);
    expect(malformed.body.message).toMatch(/JSON/);
    await t.http.get('/api/v1/items/not-a-uuid').set('X-Api-Key', s.apiKey).expect(404);
  });

  it('refuses a decision made on other content than the current revision\'s', async () => {
    const { body } = await submit('hash-1').expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    const wrong = await decide(body.id, 'filler', { decision: 'approve', revision: 1, contentHash: 'a'.repeat(64) }).expect(409);
    expect(wrong.body.message).toMatch(/content you reviewed/);
    await decide(body.id, 'filler', { decision: 'approve', revision: 1, contentHash: body.contentHash }).expect(200);
  });

  it('pages the queue oldest first with a cursor', async () => {
    const other = await seedUnit(t, 'u3', '-3');
    const filler = await login(t, other.users.filler);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', other.apiKey).send(itemBody(other.unit, `page-${i}`)).expect(202);
      await waitForState(t, other.apiKey, body.id, 'awaiting_filler');
      ids.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http.get('/api/v1/reviews/queue').query(cursor ? { limit: 2, cursor } : { limit: 2 }).set('Authorization', `Bearer ${filler}`).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(ids);
    await t.http.get('/api/v1/reviews/queue').query({ cursor: 'garbage' }).set('Authorization', `Bearer ${filler}`).expect(400);
  });

  it('scans a draft for the CMS or a reviewer and stores nothing', async () => {
    const before = Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from revisions'))[0].n);
    const draft = await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ title: '通知', body: '机密★5年\n联系人手机13800138000' }).expect(200);
    expect(draft.body.verdict).toBe('block');
    expect(draft.body.hits.map((h: { category: string }) => h.category).sort()).toEqual(['classified-marking', 'personal-info']);
    const mobile = draft.body.hits.find((h: { ruleId: string }) => h.ruleId === 'mobile');
    expect(mobile).toMatchObject({ text: '13800138000', suggestion: '138****8000', field: 'body' });
    const byReviewer = await t.http.post('/api/v1/scan').set('Authorization', `Bearer ${tokens.filler}`).send({ body: '<p>各科室：</p>', format: 'html' }).expect(200);
    expect(byReviewer.body).toMatchObject({ verdict: 'pass', hits: [] });
    await t.http.post('/api/v1/scan').send({ body: 'x' }).expect(401);
    await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ body: 'x', format: 'pdf' }).expect(400);
    expect(Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from revisions'))[0].n)).toBe(before);
  });

  it('answers bad CLI arguments with a usage line and exit 2', async () => {
    const missing = await t.cli('user:add', 'someone', '--unit', s.unit);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/usage: npm run -s cli -- user:add/);
    expect((await t.cli('no-such-command')).code).toBe(2);
    expect((await t.cli('unit:add', s.unit, '重复')).code).toBe(2);
  });

  it('throttles repeated failed sign-ins without saying which part was wrong', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ username: s.users.chief, password: 'nope-nope' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'nope-nope' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    for (let i = 0; i < 4; i++) await t.http.post('/api/v1/auth/login').send({ username: s.users.chief, password: 'nope-nope' });
    const throttled = await t.http.post('/api/v1/auth/login').send({ username: s.users.chief, password: 'nope-nope' }).expect(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });
});
