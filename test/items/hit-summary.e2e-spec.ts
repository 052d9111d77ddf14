import { Scan } from '../../src/items/entities/scan.entity';
import { summarizeHits } from '../../src/items/hit-groups';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { Recording, statementRecorder } from '../support/statement-recorder';
import { startTestApp, TestApp } from '../support/test-app';

interface HitJson { id: string; ruleId: string; severity: string; text: string }

/** The scan's full hits column, as a SELECT names it (SQLite quotes with backticks, PostgreSQL with double quotes). */
const READS_HITS = /[`"]hits[`"]/;

/**
 * The item view reads the per-rule summary stored with each scan, not its full hits column; a scan stored before
 * summaries were gets the same view from the full column; dispositions still name every hit of the revision.
 */
describe('hit summaries stored with each scan', () => {
  let t: TestApp;
  let s: Seeded;
  let token: string;
  let recording: Recording;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    token = await login(t, s.users.filler);
    recording = statementRecorder(t);
  });
  afterAll(() => t?.close());

  const get = (path: string) => t.http.get(`/api/v1/items/${path}`).set('Authorization', `Bearer ${token}`).expect(200);

  it('shows counts, groups and the first hits of each rule without reading the hits column, and the same view for an old scan', async () => {
    const mobiles = Array.from({ length: 130 }, (_, i) => `1390013${String(1000 + i)}`);
    const body = ['关于印发工作方案（征求意见稿）的通知', ...mobiles.map((m, i) => `第${i + 1}户联系人${m}`)].join('\n');
    const { id } = (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'summary', { body })).expect(202)).body;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');

    const stored = await t.orm.em.fork().findOneOrFail(Scan, { revision: { item: id } }, { populate: ['hitSummary'] });
    expect(stored.hitSummary).toEqual(JSON.parse(JSON.stringify(summarizeHits(stored.hits))));

    const fresh = await recording(() => get(id));
    expect(fresh.sql.filter((q) => READS_HITS.test(q))).toEqual([]);
    const scan = fresh.result.body.scan;
    expect(scan).toMatchObject({ hitCount: 131, reviewHitCount: 131, blockingMarking: null });
    expect(scan.hitGroups.map((g: { ruleId: string; count: number; hits: unknown[]; nextOffset?: number }) => [g.ruleId, g.count, g.hits.length, g.nextOffset]))
      .toEqual([['mobile', 130, 50, 50], [expect.any(String), 1, 1, undefined]]);
    // The hits the view carries are the groups' hits, in the scanner's order: the draft marking comes first in the text.
    expect(scan.hits).toHaveLength(51);
    expect(scan.hits[0].ruleId).not.toBe('mobile');
    expect(scan.hits.slice(1).map((h: HitJson) => h.text)).toEqual(mobiles.slice(0, 50));
    const listed = await recording(() => get(`${id}/revisions`));
    expect(listed.sql.filter((q) => READS_HITS.test(q))).toEqual([]);
    expect(listed.result.body.revisions[0].hitCount).toBe(131);
    expect((await get(`${id}/revisions/1`)).body.scan).toEqual(scan);
    // The queue and the items list count every hit by category from the summary's groups, not the 50 shown per rule.
    const counts = { 'personal-info': 130, 'process-info': 1 };
    const queued = await recording(() => t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${token}`).expect(200));
    expect(queued.sql.filter((q) => READS_HITS.test(q))).toEqual([]);
    expect(queued.result.body.items.find((e: { id: string }) => e.id === id).hitCounts).toEqual(counts);
    const listRow = async () => (await t.http.get('/api/v1/items').set('Authorization', `Bearer ${token}`).expect(200)).body.items.find((e: { id: string }) => e.id === id);
    expect((await listRow()).hitCounts).toEqual(counts);

    // A scan stored before summaries were: the view is made from the full column, the same as one made when stored.
    await t.orm.em.fork().nativeUpdate(Scan, { id: stored.id }, { hitSummary: null });
    const old = await recording(() => get(id));
    expect(old.sql.filter((q) => READS_HITS.test(q))).toHaveLength(1);
    expect(old.result.body.scan).toEqual(scan);
    expect((await get(`${id}/revisions`)).body.revisions[0].hitCount).toBe(131);
    expect((await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${token}`).expect(200)).body.items.find((e: { id: string }) => e.id === id).hitCounts).toEqual(counts);
    expect((await listRow()).hitCounts).toEqual(counts);
  });

  it('takes 通过 with a disposition of every review-level hit, from the view and the group\'s pages, and refuses one short', async () => {
    const mobiles = Array.from({ length: 75 }, (_, i) => `1370013${String(2000 + i)}`);
    const { id } = (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'dispose-all', { body: mobiles.join('\n') })).expect(202)).body;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const scan = (await get(id)).body.scan;
    const page = (await get(`${id}/hits?rule=mobile&offset=50&limit=100`)).body;
    const all = [...scan.hits, ...page.hits] as HitJson[];
    expect(all.map((h) => h.text)).toEqual(mobiles);
    expect(new Set(all.map((h) => h.id)).size).toBe(75);

    const decide = (dispositions: Array<{ hitId: string; outcome: string }>) =>
      t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1, dispositions });
    const every = all.map((h) => ({ hitId: h.id, outcome: 'false-positive' }));
    expect((await decide(every.slice(1)).expect(422)).body.field).toBe('dispositions');
    expect((await decide([...every.slice(1), { hitId: '0000000000000000', outcome: 'verified' }]).expect(422)).body.field).toBe('dispositions');
    await decide(every).expect(200);
    const decided = (await get(id)).body;
    expect(decided.state).toBe('awaiting_leader');
    expect(decided.decisions[0].dispositions.map((d: { hitId: string }) => d.hitId)).toEqual(all.map((h) => h.id));
  });
});
