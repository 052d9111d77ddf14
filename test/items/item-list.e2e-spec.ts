import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  id: string;
  externalId: string;
  title: string;
  state: string;
  level: string | null;
  verdict: string | null;
  hitCounts: Record<string, number>;
  submitter: string;
  channels: string[];
  unit: string;
  submittedAt: string;
  updatedAt: string;
}

describe('items list and search (GET /api/v1/items)', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ OCR: 'off' });
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-2');
    // The channels never answer (port 9 refuses): this file is about listing, not delivery.
    for (const name of ['portal', 'wechat']) expect((await t.cli('channel:add', name, '--url', `http://127.0.0.1:9/${name}`)).code).toBe(0);
    for (const [key, user] of Object.entries({ ...s.users, otherFiller: other.users.filler, otherAdmin: other.users.admin })) tokens[key] = await login(t, user);

    const submit = async (seeded: Seeded, key: string, externalId: string, overrides: object, state: string) => {
      const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', seeded.apiKey).send(itemBody(seeded.unit, externalId, overrides)).expect(202);
      ids[key] = body.id;
      await waitForState(t, seeded.apiKey, body.id, state);
    };
    await submit(s, 'notice', 'n-1', { title: '关于政务公开工作的通知', body: '各科室：请按要求做好政务公开工作。', channels: ['portal'] }, 'awaiting_filler');
    await submit(s, 'personnel', 'p-2', { title: '人事任免公示', body: '联系人：张三，手机13800138000。', channels: ['wechat'] }, 'awaiting_filler');
    await submit(s, 'secret', 's-3', { title: '某项工作的情况报告', body: '机密★10年\n关于某项工作的情况', channels: ['portal', 'wechat'] }, 'blocked');
    await submit(s, 'english', 'e-4', { title: 'Annual Report ABC', body: '年度报告 100% 完成', channels: ['portal'] }, 'awaiting_filler');
    // Another unit's item with the same title as the first: it must never appear in u1's list.
    await submit(other, 'elsewhere', 'n-1', { title: '关于政务公开工作的通知', body: '各科室：请按要求做好政务公开工作。', channels: ['portal'] }, 'awaiting_filler');
    await t.http.post(`/api/v1/items/${ids.notice}/decisions`).set('Authorization', `Bearer ${tokens.filler}`).send({ decision: 'approve', revision: 1 }).expect(200);
  });
  afterAll(() => t?.close());

  const list = async (who: string, query: Record<string, string | number> = {}): Promise<{ items: Row[]; nextCursor: string | null }> =>
    (await t.http.get('/api/v1/items').query(query).set('Authorization', `Bearer ${tokens[who]}`).expect(200)).body;
  const keysOf = async (who: string, query: Record<string, string | number> = {}) => {
    const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return (await list(who, query)).items.map((r) => byId[r.id]).sort();
  };

  it('lists the unit\'s items with what a reviewer needs in each row', async () => {
    expect(await keysOf('filler')).toEqual(['english', 'notice', 'personnel', 'secret']);
    const { items, nextCursor } = await list('admin');
    expect(nextCursor).toBeNull();
    const personnel = items.find((r) => r.id === ids.personnel)!;
    expect(personnel).toMatchObject({
      externalId: 'p-2', title: '人事任免公示', state: 'awaiting_filler', level: 'filler', verdict: 'review', submitter: s.client,
      channels: ['wechat'], unit: s.unit, hitCounts: { 'personal-info': 1 },
    });
    expect(Date.parse(personnel.submittedAt)).toBeLessThanOrEqual(Date.parse(personnel.updatedAt));
    expect(items.find((r) => r.id === ids.secret)).toMatchObject({ state: 'blocked', level: 'admin', verdict: 'block' });
    expect(items.find((r) => r.id === ids.notice)).toMatchObject({ state: 'awaiting_leader', level: 'leader' });
  });

  it('filters by state, level, verdict, hit category and channel', async () => {
    expect(await keysOf('filler', { state: 'blocked' })).toEqual(['secret']);
    expect(await keysOf('filler', { state: 'awaiting_filler,awaiting_leader' })).toEqual(['english', 'notice', 'personnel']);
    expect(await keysOf('filler', { level: 'admin' })).toEqual(['secret']);
    expect(await keysOf('filler', { level: 'leader' })).toEqual(['notice']);
    expect(await keysOf('filler', { level: 'leader', state: 'blocked' })).toEqual([]);
    expect(await keysOf('filler', { verdict: 'review' })).toEqual(['personnel']);
    expect(await keysOf('filler', { verdict: 'pass' })).toEqual(['english', 'notice']);
    expect(await keysOf('filler', { category: 'personal-info' })).toEqual(['personnel']);
    expect(await keysOf('filler', { category: 'classified-marking' })).toEqual(['secret']);
    expect(await keysOf('filler', { channel: 'wechat' })).toEqual(['personnel', 'secret']);
    expect(await keysOf('filler', { channel: 'portal', verdict: 'pass' })).toEqual(['english', 'notice']);
  });

  it('searches Chinese and other text in title and body: indexed terms, short terms, several terms, literal wildcards', async () => {
    expect(await keysOf('filler', { q: '政务公开' })).toEqual(['notice']);
    expect(await keysOf('filler', { q: '请按要求做好' })).toEqual(['notice']);
    expect(await keysOf('filler', { q: '任免' })).toEqual(['personnel']);
    expect(await keysOf('filler', { q: '机' })).toEqual(['personnel', 'secret']);
    expect(await keysOf('filler', { q: '手机1380' })).toEqual(['personnel']);
    expect(await keysOf('filler', { q: 'abc' })).toEqual(['english']);
    expect(await keysOf('filler', { q: '人事 公示' })).toEqual(['personnel']);
    expect(await keysOf('filler', { q: '人事 政务' })).toEqual([]);
    expect(await keysOf('filler', { q: '100%' })).toEqual(['english']);
    expect(await keysOf('filler', { q: '0%' })).toEqual(['english']);
    expect(await keysOf('filler', { q: '%' })).toEqual(['english']);
    expect(await keysOf('filler', { q: '"机密' })).toEqual([]);
    expect(await keysOf('filler', { q: '政务公开', verdict: 'pass', channel: 'portal' })).toEqual(['notice']);
  });

  it('filters by submission date (whole days in UTC+8) and refuses a bad range naming the field', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    expect(await keysOf('filler', { from: today, to: today })).toEqual(['english', 'notice', 'personnel', 'secret']);
    expect(await keysOf('filler', { from: day(1) })).toEqual([]);
    expect(await keysOf('filler', { to: day(-1) })).toEqual([]);
    const personnel = (await list('filler')).items.find((r) => r.id === ids.personnel)!;
    expect(await keysOf('filler', { from: personnel.submittedAt, to: new Date(Date.parse(personnel.submittedAt) + 1).toISOString() })).toEqual(['personnel']);
    for (const [query, field] of [[{ from: '2026-02-30' }, 'from'], [{ to: 'yesterday' }, 'to'], [{ from: day(1), to: day(0) }, 'from'], [{ from: '1999-01-01' }, 'from']] as const) {
      const refused = await t.http.get('/api/v1/items').query(query).set('Authorization', `Bearer ${tokens.filler}`).expect(400);
      expect(refused.body.field).toBe(field);
    }
  });

  it('offers 全部, 已办 (what I decided) and 待我审核 (what my queue shows)', async () => {
    expect(await keysOf('filler', { view: 'done' })).toEqual(['notice']);
    expect(await keysOf('leader', { view: 'done' })).toEqual([]);
    expect(await keysOf('filler', { view: 'mine' })).toEqual(['english', 'personnel']);
    expect(await keysOf('leader', { view: 'mine' })).toEqual(['notice']);
    expect(await keysOf('admin', { view: 'mine' })).toEqual(['secret']);
    expect(await keysOf('filler', { view: 'mine', q: '任免' })).toEqual(['personnel']);
    const queue = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${tokens.filler}`).expect(200);
    expect(queue.body.items.map((e: { id: string }) => e.id).sort()).toEqual([ids.english, ids.personnel].sort());
  });

  it('sorts by submission or last change, both ways, and pages with opaque cursors', async () => {
    for (const sort of ['submitted', 'updated']) {
      for (const order of ['asc', 'desc']) {
        const whole = (await list('filler', { sort, order })).items;
        const times = whole.map((r) => Date.parse(sort === 'submitted' ? r.submittedAt : r.updatedAt));
        expect(times).toEqual([...times].sort((a, b) => (order === 'asc' ? a - b : b - a)));
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: Row[]; nextCursor: string | null } = await list('filler', cursor ? { sort, order, limit: 3, cursor } : { sort, order, limit: 3 });
          expect(page.items.length).toBeLessThanOrEqual(3);
          paged.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged).toEqual(whole.map((r) => r.id));
      }
    }
    const first = await list('filler', { limit: 1 });
    const wrongSort = await t.http.get('/api/v1/items').query({ limit: 1, sort: 'updated', cursor: first.nextCursor! }).set('Authorization', `Bearer ${tokens.filler}`).expect(400);
    expect(wrongSort.body.field).toBe('cursor');
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    for (const [query, field] of [
      [{ state: 'nope' }, 'state'], [{ state: 'blocked,' }, 'state'], [{ level: 'boss' }, 'level'], [{ verdict: 'ok' }, 'verdict'],
      [{ category: 'secret' }, 'category'], [{ channel: 'a b' }, 'channel'], [{ view: 'todo' }, 'view'], [{ sort: 'title' }, 'sort'],
      [{ order: 'up' }, 'order'], [{ limit: 0 }, 'limit'], [{ limit: 201 }, 'limit'], [{ cursor: 'garbage' }, 'cursor'], [{ cursor: 'a$b' }, 'cursor'],
      [{ q: 'x'.repeat(101) }, 'q'], [{ offset: 10 }, 'offset'],
    ] as const) {
      const refused = await t.http.get('/api/v1/items').query(query).set('Authorization', `Bearer ${tokens.filler}`).expect(400);
      expect(refused.body.field).toBe(field);
    }
    await t.http.get('/api/v1/items').expect(401);
    // A CMS's key is not a person's token: the list is for reviewers.
    await t.http.get('/api/v1/items').set('X-Api-Key', s.apiKey).expect(401);
  });

  it('never shows another unit\'s items, whatever the filters', async () => {
    expect(await keysOf('otherFiller')).toEqual(['elsewhere']);
    expect(await keysOf('otherAdmin', { q: '政务公开' })).toEqual(['elsewhere']);
    const queries: Array<Record<string, string>> = [{}, { q: '政务公开' }, { q: '政务' }, { view: 'mine' }, { state: 'awaiting_filler' }, { channel: 'portal' }, { verdict: 'pass' }];
    for (const query of queries) {
      for (const who of ['filler', 'admin']) expect((await list(who, query)).items.map((r) => r.id)).not.toContain(ids.elsewhere);
    }
  });

  it('searches the current revision: a new revision replaces the old text in the index', async () => {
    await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'p-2', { title: '人事任免公示（更正）', body: '联系人：张三。', channels: ['wechat'] })).expect(202);
    await waitForState(t, s.apiKey, ids.personnel, 'awaiting_filler');
    expect(await keysOf('filler', { q: '更正' })).toEqual(['personnel']);
    expect(await keysOf('filler', { q: '13800138000' })).toEqual([]);
    expect(await keysOf('filler', { q: '138' })).toEqual([]);
    expect((await list('filler', { q: '任免公示' })).items[0]).toMatchObject({ title: '人事任免公示（更正）', verdict: 'pass' });
  });
});
