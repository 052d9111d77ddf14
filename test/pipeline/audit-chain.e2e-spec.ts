import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('the audit trail (hash chains per item and per scope)', () => {
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
    expect(verify.err).toContain('note: 5 chain(s), 0 checkpoint(s)');
    const chains = await sql('select distinct chain from audit_events order by chain');
    expect(chains.map((c: { chain: string }) => c.chain)).toEqual(expect.arrayContaining([`item:${body.id}`, 'scope:channel', 'scope:client', 'scope:unit', 'scope:user']));
  });

  it('fails with the first broken link when a row is altered by hand, and passes again once it is restored', async () => {
    const [row] = await sql("select seq, actor from audit_events where action = 'item.state' order by seq limit 1");
    await sql('update audit_events set actor = ? where seq = ?', ['user:mallory', row.seq]);
    const broken = await t.cli('audit:verify');
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toContain(`tampered: event ${row.seq} (item `);
    expect(broken.err.join('\n')).toMatch(/was altered: its hash does not match its content/);
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

describe('the audit trail of items that wait in submitted (api role alone, no scans)', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(() => t?.close());

  it('covers each revision by the event of its submission, in the same transaction', async () => {
    const first = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'waits')).expect(202);
    await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'waits', { body: '各科室：请按要求做好政务公开工作（二稿）。' })).expect(202);
    const rows = await t.orm.em.fork().getConnection().execute('select action, to_state, covers from audit_events where item_id = ? order by seq', [first.body.id]);
    const covered = rows.map((r: { covers: unknown }) => (typeof r.covers === 'string' ? JSON.parse(r.covers) : r.covers).map((c: { kind: string; key: string }) => `${c.kind}:${c.key}`));
    expect(rows.map((r: { action: string; to_state: string }) => [r.action, r.to_state])).toEqual([['item.submitted', 'submitted'], ['item.state', 'submitted']]);
    expect(covered).toEqual([['revision:1'], ['revision:2']]);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });
});
