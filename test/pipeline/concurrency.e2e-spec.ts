import { Decision } from '../../src/items/entities/decision.entity';
import { Revision } from '../../src/items/entities/revision.entity';
import { itemBody, login, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('two reviewers deciding the same item at once', () => {
  let t: TestApp;
  let s: Seeded;
  let fillers: string[];

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('user:add', 'filler-b', '--role', 'filler', '--unit', s.unit, '--password', PASSWORD);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    fillers = [await login(t, s.users.filler), await login(t, 'filler-b')];
  });
  afterAll(() => t?.close());

  it.each(['approve', 'reject', 'refer'] as const)('lets exactly one %s succeed; the other gets 409, and one decision is recorded', async (decision) => {
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `race-${decision}`)).expect(202);
    await raceOn(body.id, decision);
  });

  async function raceOn(id: string, decision: 'approve' | 'reject' | 'refer') {
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const responses = await Promise.all(
      fillers.map((token) => t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision, revision: 1, comment: '并发测试' })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    const recorded = await t.orm.em.fork().count(Decision, { item: id });
    expect(recorded).toBe(1);
  }
});

describe('the same submission sent several times at once', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(() => t?.close());

  it('creates one item: one 202, the others 200 with the same id, none a 5xx', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'twice'))));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await t.orm.em.fork().count(Revision, { item: responses[0].body.id })).toBe(1);
  });
});
