import { AuditEvent } from '../../src/audit/audit-event.entity';
import { ItemClaim } from '../../src/claims/entities/item-claim.entity';
import { itemBody, login, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** 认领: one reviewer holds an item at its level; the others see who and wait. */
describe('claims', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  let tokens: Record<'filler' | 'filler2' | 'leader' | 'admin' | 'otherFiller', string>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-u2');
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    expect((await t.cli('user:add', 'filler2', '--role', 'filler', '--unit', s.unit, '--password', PASSWORD)).code).toBe(0);
    tokens = {
      filler: await login(t, s.users.filler), filler2: await login(t, 'filler2'), leader: await login(t, s.users.leader),
      admin: await login(t, s.users.admin), otherFiller: await login(t, other.users.filler),
    };
  });
  afterAll(() => t?.close());

  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
  const submit = async (externalId: string) => {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId)).expect(202);
    await waitForState(t, s.apiKey, response.body.id, 'awaiting_filler');
    return response.body.id as string;
  };
  const approve = (id: string, who: keyof typeof tokens) => t.http.post(`/api/v1/items/${id}/decisions`).set(as(who)).send({ decision: 'approve', revision: 1 });
  const actions = async (id: string) => (await t.orm.em.fork().find(AuditEvent, { itemId: id, action: { $like: 'item.claim%' } }, { orderBy: { seq: 'asc' } })).map((e) => [e.action, e.actor]);

  it("blocks another reviewer's decision with 409 naming the holder, and frees the item when the claim expires", async () => {
    const id = await submit('claim-1');
    const before = Date.now();
    const claimed = await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler')).send({}).expect(200);
    expect(claimed.body).toMatchObject({ username: s.users.filler, level: 'filler' });
    const minutes = (Date.parse(claimed.body.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(29.9);
    expect(minutes).toBeLessThan(30.1);

    // The others at that level see who holds it, in the queue and on the item.
    const queue = await t.http.get('/api/v1/reviews/queue').set(as('filler2')).expect(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === id).claim).toMatchObject({ username: s.users.filler, expiresAt: claimed.body.expiresAt });
    expect((await t.http.get(`/api/v1/items/${id}/claim`).set(as('filler2')).expect(200)).body.claim.username).toBe(s.users.filler);

    const refused = await approve(id, 'filler2').expect(409);
    expect(refused.body.message).toContain(`claimed by ${s.users.filler}`);
    expect((await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler2')).send({ minutes: 5 }).expect(409)).body.message).toContain(s.users.filler);
    // Only the holder or a secrecy administrator ends it.
    await t.http.delete(`/api/v1/items/${id}/claim`).set(as('filler2')).expect(403);

    // Time passes: the claim's end is moved into the past, as if 30 minutes had gone by.
    await t.orm.em.fork().nativeUpdate(ItemClaim, { item: id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await t.http.get(`/api/v1/items/${id}/claim`).set(as('filler2')).expect(200)).body.claim).toBeNull();
    expect((await approve(id, 'filler2').expect(200)).body.state).toBe('awaiting_leader');
    expect(await actions(id)).toEqual([['item.claimed', `user:${s.users.filler}`]]);
  });

  it('lets the holder renew and release, and a secrecy administrator clear a claim, each on the record', async () => {
    const id = await submit('claim-2');
    await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler')).send({ minutes: 10 }).expect(200);
    const renewed = await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler')).send({ minutes: 60 }).expect(200);
    expect(Date.parse(renewed.body.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    await t.http.delete(`/api/v1/items/${id}/claim`).set(as('filler')).expect(200);
    await t.http.delete(`/api/v1/items/${id}/claim`).set(as('filler')).expect(409);

    await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler2')).send({}).expect(200);
    await approve(id, 'filler').expect(409);
    const cleared = await t.http.delete(`/api/v1/items/${id}/claim`).set(as('admin')).expect(200);
    expect(cleared.body.released.username).toBe('filler2');
    expect((await approve(id, 'filler').expect(200)).body.state).toBe('awaiting_leader');
    expect(await actions(id)).toEqual([
      ['item.claimed', `user:${s.users.filler}`], ['item.claim_renewed', `user:${s.users.filler}`], ['item.claim_released', `user:${s.users.filler}`],
      ['item.claimed', 'user:filler2'], ['item.claim_cleared', `user:${s.users.admin}`],
    ]);
    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);
  });

  it('claims only at a level of the caller, with a bounded time, and only inside their unit', async () => {
    const id = await submit('claim-3');
    expect((await t.http.post(`/api/v1/items/${id}/claim`).set(as('leader')).send({}).expect(403)).body.message).toMatch(/awaits filler/);
    for (const body of [{ minutes: 0 }, { minutes: 481 }, { minutes: 'ten' }, { minutes: 5, extra: 1 }]) {
      const bad = await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler')).send(body).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/minutes|extra/);
    }
    // Another unit's item answers as if it did not exist.
    await t.http.post(`/api/v1/items/${id}/claim`).set(as('otherFiller')).send({}).expect(404);
    await t.http.get(`/api/v1/items/${id}/claim`).set(as('otherFiller')).expect(404);
    await t.http.delete(`/api/v1/items/${id}/claim`).set(as('otherFiller')).expect(404);
    // A claim ends with the level it was for: at 复审 nobody holds the item.
    await t.http.post(`/api/v1/items/${id}/claim`).set(as('filler')).send({}).expect(200);
    await approve(id, 'filler').expect(200);
    expect((await t.http.get(`/api/v1/items/${id}/claim`).set(as('leader')).expect(200)).body.claim).toBeNull();
    await t.http.post(`/api/v1/items/${id}/claim`).set(as('leader')).send({}).expect(200);
  });
});
