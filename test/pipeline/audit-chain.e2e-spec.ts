import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('the audit trail (hash chain)', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(() => t?.close());

  const sql = (query: string, params: unknown[] = []) => t.orm.em.fork().getConnection().execute(query, params);

  it('writes one event per transition in the same transaction, and audit:verify passes', async () => {
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'audit-1')).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    const token = await login(t, s.users.filler);
    await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }).expect(200);
    const events = await sql('select action, from_state, to_state from audit_events where item_id = ? order by seq', [body.id]);
    expect(events.map((e: { to_state: string }) => e.to_state)).toEqual(['submitted', 'scanning', 'awaiting_filler', 'awaiting_leader']);
    // A refused decision changes nothing and so records nothing.
    await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }).expect(409);
    expect(Number((await sql('select count(*) as n from audit_events where item_id = ?', [body.id]))[0].n)).toBe(4);

    const verify = await t.cli('audit:verify');
    expect(verify).toMatchObject({ code: 0, out: [expect.stringMatching(/^ok \d+ events$/)] });
  });

  it('fails with the first broken link when a row is altered by hand, and passes again once it is restored', async () => {
    const [row] = await sql("select seq, actor from audit_events where action = 'item.state' order by seq limit 1");
    await sql('update audit_events set actor = ? where seq = ?', ['user:mallory', row.seq]);
    const broken = await t.cli('audit:verify');
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toContain(`broken at event ${row.seq}`);
    await sql('update audit_events set actor = ? where seq = ?', [row.actor, row.seq]);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('fails when the last events are deleted', async () => {
    const [{ n }] = await sql('select max(seq) as n from audit_events');
    await sql('delete from audit_events where seq = ?', [Number(n)]);
    const broken = await t.cli('audit:verify');
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toMatch(/deleted/);
  });
});
