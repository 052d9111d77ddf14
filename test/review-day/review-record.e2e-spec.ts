import { AuditEvent } from '../../src/audit/audit-event.entity';
import { HitDisposition } from '../../src/items/entities/hit-disposition.entity';
import { asJson } from '../attachments/attachment-files';
import { addChannel, newSecret, tokensOf, Tokens } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { itemBody, login, seedUnit, Seeded, SubmitBody, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

interface HitJson { id: string; ruleId: string; severity: string; field: string; start: number; end: number; text: string }
interface Segment { op: 'equal' | 'delete' | 'insert'; text: string; from: number; to: number }

const MOBILE_BODY = '各科室：请按要求做好政务公开工作。\n联系人：张三，电话13800138000。\n报名截止时间为12月31日。';
const oldSide = (segments: Segment[]) => segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
const newSide = (segments: Segment[]) => segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('');

describe('the reviewer\'s record: revisions and diffs, dispositions, 不予公开, lifting a block, hit groups', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let cms: WebhookReceiver;
  let portal: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    const secret = newSecret();
    portal = await WebhookReceiver.start(secret);
    await addChannel(t, 'portal', portal.url, secret);
    cms = await WebhookReceiver.start(s.callbackSecret);
    // A leader known by a display name, which the item view shows beside the username.
    expect((await t.cli('user:add', 'leader-wang', '--role', 'leader', '--unit', s.unit, '--display-name', '王副局长', '--password', 'correct-horse-9')).code).toBe(0);
    tokens.leader = await login(t, 'leader-wang');
  });
  afterAll(async () => {
    await Promise.all([cms, portal].filter(Boolean).map((r) => r.close()));
    await t?.close();
  });

  const submit = (externalId: string, overrides: Partial<SubmitBody> & { attachments?: unknown } = {}) =>
    t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, externalId), ...overrides });
  const as = (who: keyof Tokens) => ['Authorization', `Bearer ${tokens[who]}`] as const;
  const view = async (id: string, who: keyof Tokens = 'filler') => (await t.http.get(`/api/v1/items/${id}`).set(...as(who)).expect(200)).body;
  const decide = (id: string, who: keyof Tokens, body: object) => t.http.post(`/api/v1/items/${id}/decisions`).set(...as(who)).send(body);
  const ready = async (externalId: string, overrides: Partial<SubmitBody> & { attachments?: unknown } = {}, state = 'awaiting_filler') => {
    const id = (await submit(externalId, overrides).expect(202)).body.id as string;
    await waitForState(t, s.apiKey, id, state);
    return id;
  };

  it('lists every revision, opens an earlier one with its hits, files and decisions, and diffs any two with each side\'s hits', async () => {
    const id = await ready('rev-diff', { body: MOBILE_BODY, attachments: [asJson('说明.txt', Buffer.from('第一行\n联系电话13912345678\n'), 'text/plain')] });
    const first = await view(id);
    await decide(id, 'filler', { decision: 'reject', revision: 1, comment: '请删除个人手机号' }).expect(200);
    const newBody = MOBILE_BODY.replace('电话13800138000', '电话0817-2222222');
    await submit('rev-diff', { body: newBody, attachments: [asJson('说明.txt', Buffer.from('第一行\n联系电话0817-2222222\n'), 'text/plain')] }).expect(202);
    await waitForState(t, s.apiKey, id, 'awaiting_filler');

    const list = (await t.http.get(`/api/v1/items/${id}/revisions`).set(...as('leader')).expect(200)).body.revisions;
    expect(list.map((r: { number: number; current: boolean; attachments: number }) => [r.number, r.current, r.attachments])).toEqual([[1, false, 1], [2, true, 1]]);
    expect(list[0]).toMatchObject({ contentHash: first.contentHash, verdict: 'review' });
    expect((await view(id)).revisions.map((r: { number: number }) => r.number)).toEqual([1, 2]);

    const one = (await t.http.get(`/api/v1/items/${id}/revisions/1`).set(...as('filler')).expect(200)).body;
    expect(one).toMatchObject({ number: 1, body: MOBILE_BODY, title: first.title, contentHash: first.contentHash, current: false, attachments: [{ index: 0, filename: '说明.txt' }] });
    expect(one.scan.hits.map((h: HitJson) => h.id)).toEqual(first.scan.hits.map((h: HitJson) => h.id));
    expect(one.decisions).toEqual([expect.objectContaining({ level: 'filler', decision: 'reject', by: s.users.filler, byName: s.users.filler, comment: '请删除个人手机号' })]);

    const diff = (await t.http.get(`/api/v1/items/${id}/diff?from=1&to=2`).set(...as('filler')).expect(200)).body;
    expect(diff.from).toMatchObject({ number: 1, contentHash: first.contentHash });
    expect(oldSide(diff.body.segments)).toBe(MOBILE_BODY);
    expect(newSide(diff.body.segments)).toBe(newBody);
    expect(diff.title.segments).toEqual([{ op: 'equal', text: first.title, from: 0, to: 0 }]);
    const removed = diff.body.segments.filter((x: Segment) => x.op === 'delete').map((x: Segment) => x.text).join('');
    expect(removed.length).toBeLessThan(15);
    const mobile = diff.body.fromHits.find((h: HitJson) => h.ruleId === 'mobile');
    expect(MOBILE_BODY.slice(mobile.start, mobile.end)).toBe('13800138000');
    expect(diff.body.toHits.filter((h: HitJson) => h.ruleId === 'mobile')).toEqual([]);
    expect(diff.attachments).toEqual([expect.objectContaining({ filename: '说明.txt', change: 'changed' })]);
    const fileText = diff.attachments[0].text;
    expect(oldSide(fileText.segments)).toContain('13912345678');
    expect(newSide(fileText.segments)).toContain('0817-2222222');
    const fileHit = fileText.fromHits.find((h: HitJson) => h.ruleId === 'mobile');
    expect(oldSide(fileText.segments).slice(fileHit.start, fileHit.end)).toBe('13912345678');

    await t.http.get(`/api/v1/items/${id}/revisions/3`).set(...as('filler')).expect(404);
    expect((await t.http.get(`/api/v1/items/${id}/diff?from=1&to=x`).set(...as('filler')).expect(400)).body.field).toBe('to');
    await t.http.get(`/api/v1/items/${id}/diff?from=1&to=9`).set(...as('filler')).expect(404);
    const other = await seedUnit(t, 'u2', '-2');
    await t.http.get(`/api/v1/items/${id}/revisions`).set('Authorization', `Bearer ${await login(t, other.users.filler)}`).expect(404);
  });

  it('refuses an approval at 初审 that leaves a review-level hit undisposed, and stores dispositions in the decision, the audit event and the archive', async () => {
    const id = await ready('dispose', { body: MOBILE_BODY, callbackUrl: cms.url });
    const item = await view(id);
    const review = item.scan.hits.filter((h: HitJson) => h.severity === 'review') as HitJson[];
    expect(review.length).toBeGreaterThan(0);
    expect(item.scan.reviewHitCount).toBe(review.length);
    expect((await view(id)).scan.hits.map((h: HitJson) => h.id)).toEqual(item.scan.hits.map((h: HitJson) => h.id));

    const missing = await decide(id, 'filler', { decision: 'approve', revision: 1 }).expect(422);
    expect(missing.body).toMatchObject({ field: 'dispositions' });
    expect(missing.body.message).toContain(review[0].id);
    const unknown = await decide(id, 'filler', { decision: 'approve', revision: 1, dispositions: [...review.map((h) => ({ hitId: h.id, outcome: 'verified' })), { hitId: 'feedfacefeedface', outcome: 'verified' }] }).expect(422);
    expect(unknown.body.field).toBe('dispositions');
    expect(unknown.body.message).toContain('feedfacefeedface');
    const badOutcome = await decide(id, 'filler', { decision: 'approve', revision: 1, dispositions: [{ hitId: review[0].id, outcome: 'fine' }] }).expect(400);
    expect(badOutcome.body.field).toBe('dispositions[0].outcome');
    expect((await view(id)).state).toBe('awaiting_filler');

    const given = review.map((h, i) => ({ hitId: h.id, outcome: i === 0 ? 'verified' : 'false-positive', note: '联系人同意公开工作手机' }));
    await decide(id, 'filler', { decision: 'approve', revision: 1, dispositions: given }).expect(200);
    await decide(id, 'leader', { decision: 'approve', revision: 1, dispositions: [{ hitId: review[0].id, outcome: 'verified', note: '复审确认' }] }).expect(200);
    await decide(id, 'chief', { decision: 'approve', revision: 1 }).expect(200);

    const after = await view(id, 'chief');
    expect(after.decisions.map((d: { level: string; dispositions: unknown[] }) => [d.level, d.dispositions.length])).toEqual([['filler', review.length], ['leader', 1], ['chief', 0]]);
    expect(after.unitName).toBe(`测试单位${s.unit}`);
    expect(after.decisions[1]).toMatchObject({ by: 'leader-wang', byName: '王副局长' });
    expect(after.history.find((h: { state: string }) => h.state === 'awaiting_chief')).toMatchObject({ by: 'user:leader-wang', byName: '王副局长' });
    expect(after.decisions[0].dispositions[0]).toMatchObject({ hitId: review[0].id, ruleId: review[0].ruleId, outcome: 'verified', note: '联系人同意公开工作手机', level: 'filler', by: s.users.filler, revision: 1 });
    const rows = await t.orm.em.fork().find(HitDisposition, { item: id });
    expect(rows).toHaveLength(review.length + 1);
    const event = await t.orm.em.fork().findOneOrFail(AuditEvent, { itemId: id, toState: 'awaiting_leader' });
    expect(event.data.dispositions).toEqual(given.map((g) => ({ ...g, ruleId: review.find((h) => h.id === g.hitId)!.ruleId })));
    expect((await t.cli('audit:verify')).code).toBe(0);

    await waitForState(t, s.apiKey, id, 'published');
    const publishedAt = (await t.orm.em.fork().findOneOrFail(AuditEvent, { itemId: id, toState: 'published' })).at;
    const month = new Date(publishedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const exported = await t.cli('archive:export', s.unit, '--month', month);
    expect(exported.code).toBe(0);
    const line = exported.out.map((l) => JSON.parse(l)).find((l) => l.type === 'item' && l.itemId === id);
    expect(line.decisions[0].dispositions).toEqual(given.map((g) => ({ ...g, ruleId: review.find((h) => h.id === g.hitId)!.ruleId })));
    expect(line.decisions[1].dispositions).toEqual([{ hitId: review[0].id, ruleId: review[0].ruleId, outcome: 'verified', note: '复审确认' }]);
  });

  it('ends an item as 不予公开 with a reason the CMS hears in a signed callback; a new revision opens it again', async () => {
    const id = await ready('withhold', { callbackUrl: cms.url });
    await decide(id, 'filler', { decision: 'approve', revision: 1 }).expect(200);
    await t.http.post(`/api/v1/items/${id}/withhold`).set(...as('leader')).send({ comment: '不宜公开' }).expect(403);
    expect((await t.http.post(`/api/v1/items/${id}/withhold`).set(...as('admin')).send({ comment: ' ' }).expect(422)).body.field).toBe('comment');
    const done = await t.http.post(`/api/v1/items/${id}/withhold`).set(...as('admin')).send({ comment: '涉及尚未公开的人事安排，不予公开' }).expect(200);
    expect(done.body).toMatchObject({ id, state: 'withheld', revision: 1 });
    await t.http.post(`/api/v1/items/${id}/withhold`).set(...as('admin')).send({ comment: '再次' }).expect(409);

    const callback = await waitFor(async () => cms.received.find((r) => r.json.itemId === id && r.json.event === 'item.withheld'), 20_000, 'the withheld callback');
    expect(callback.verified).toBe(true);
    expect(callback.json).toEqual({ event: 'item.withheld', itemId: id, externalId: 'withhold', revision: 1, state: 'withheld', reasons: ['涉及尚未公开的人事安排，不予公开'] });
    const item = await view(id, 'admin');
    expect(item.history.at(-1)).toMatchObject({ state: 'withheld', from: 'awaiting_leader', by: `user:${s.users.admin}`, comment: '涉及尚未公开的人事安排，不予公开' });
    expect(item.decisions.at(-1)).toMatchObject({ level: 'admin', decision: 'withhold' });

    await submit('withhold', { body: '各科室：内容已修改。', callbackUrl: cms.url }).expect(202);
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
  });

  it('lifts a classified block only when confirmMarking, if given, names the marking that blocked it', async () => {
    const id = await ready('blocked', { body: '机密★10年\n关于某项目的通知' }, 'blocked');
    const item = await view(id, 'admin');
    expect(item.scan.blockingMarking).toBe('机密★10年');
    const wrong = await t.http.post(`/api/v1/items/${id}/override`).set(...as('admin')).send({ comment: '已解密', confirmMarking: '秘密★' }).expect(422);
    expect(wrong.body).toMatchObject({ field: 'confirmMarking' });
    expect(wrong.body.message).toContain('机密★10年');
    expect((await view(id, 'admin')).state).toBe('blocked');
    await t.http.post(`/api/v1/items/${id}/override`).set(...as('admin')).send({ comment: '已按程序解密', confirmMarking: '机密★10年' }).expect(200);
    const event = await t.orm.em.fork().findOneOrFail(AuditEvent, { itemId: id, fromState: 'blocked' });
    expect(event.data).toMatchObject({ decision: 'override', comment: '已按程序解密', confirmedMarking: '机密★10年' });
  });

  it('groups hits by rule with counts and the first 50 of each, and pages through one group', async () => {
    const mobiles = Array.from({ length: 120 }, (_, i) => `1380013${String(8000 + i).padStart(4, '0')}`);
    const id = await ready('many-hits', { body: mobiles.map((m, i) => `第${i + 1}户联系人电话${m}。`).join('\n') });
    const scan = (await view(id)).scan;
    expect(scan.hitCount).toBe(120);
    const group = scan.hitGroups.find((g: { ruleId: string }) => g.ruleId === 'mobile');
    expect(group).toMatchObject({ ruleId: 'mobile', severity: 'review', count: 120, nextOffset: 50 });
    expect(group.hits).toHaveLength(50);
    expect(scan.hits).toHaveLength(50);
    expect(scan.reviewHitCount).toBe(120);

    const page = (await t.http.get(`/api/v1/items/${id}/hits?rule=mobile&offset=50&limit=100`).set(...as('filler')).expect(200)).body;
    expect(page).toMatchObject({ revision: 1, ruleId: 'mobile', count: 120, offset: 50 });
    expect(page.nextOffset).toBeUndefined();
    expect(page.hits.map((h: HitJson) => h.text)).toEqual(mobiles.slice(50));
    expect(page.hits.map((h: HitJson) => h.id)).not.toContain(group.hits[0].id);
    expect(new Set([...group.hits, ...page.hits].map((h: HitJson) => h.id)).size).toBe(120);
    const first = (await t.http.get(`/api/v1/items/${id}/hits?rule=mobile&limit=10`).set(...as('filler')).expect(200)).body;
    expect(first).toMatchObject({ offset: 0, nextOffset: 10 });
    expect((await t.http.get(`/api/v1/items/${id}/hits?rule=nope`).set(...as('filler')).expect(200)).body).toMatchObject({ count: 0, hits: [] });
    expect((await t.http.get(`/api/v1/items/${id}/hits?rule=mobile&limit=5000`).set(...as('filler')).expect(400)).body.field).toBe('limit');
  });
});
