import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('unit report (每天一小报、一周一通报) over HTTP', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  let tokens: Record<'filler' | 'leader' | 'chief' | 'admin', string>;
  const ids: Record<string, string> = {};
  let startedAt: Date;

  const submit = async (externalId: string, body?: string) => {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, body ? { body } : {})).expect(202);
    return response.body.id as string;
  };
  const decide = (id: string, who: keyof typeof tokens, decision: string, comment?: string) =>
    t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens[who]}`).send({ decision, revision: 1, comment }).expect(200);
  const report = (token: string, query = '') => t.http.get(`/api/v1/reports/summary${query}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp();
    startedAt = new Date();
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-2');
    // The channel never answers (port 9 refuses): approved items stay publishing, which is what this file counts.
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    tokens = { filler: await login(t, s.users.filler), leader: await login(t, s.users.leader), chief: await login(t, s.users.chief), admin: await login(t, s.users.admin) };

    ids.approved = await submit('r-approved');
    ids.rejected = await submit('r-rejected');
    ids.waiting = await submit('r-waiting');
    ids.blocked = await submit('r-blocked', '本文件密级：机密★10年，仅限内部传阅。联系人手机13800138000。');
    await waitForState(t, s.apiKey, ids.blocked, 'blocked');
    for (const id of [ids.approved, ids.rejected, ids.waiting]) await waitForState(t, s.apiKey, id, 'awaiting_filler');
    for (const id of [ids.approved, ids.rejected]) await decide(id, 'filler', 'approve');
    await decide(ids.approved, 'leader', 'approve');
    await decide(ids.rejected, 'leader', 'reject', '数据口径有误，请核实后重报');
    await decide(ids.approved, 'chief', 'approve');
    await waitForState(t, s.apiKey, ids.approved, 'publishing');
  });
  afterAll(() => t?.close());

  it("counts where the unit's items stand now and what the period brought", async () => {
    const { body } = await report(tokens.leader).expect(200);
    expect(body.unit).toEqual({ code: s.unit, name: `测试单位${s.unit}` });
    expect(new Date(body.period.to).getTime() - new Date(body.period.from).getTime()).toBe(7 * 86_400_000);

    expect(body.now.byState).toMatchObject({ publishing: 1, rejected: 1, awaiting_filler: 1, blocked: 1, published: 0, awaiting_leader: 0 });
    expect(body.now.awaitingReview).toBe(1);
    expect(new Date(body.now.oldestWaitingSince).getTime()).toBeGreaterThanOrEqual(startedAt.getTime());

    expect(body.inPeriod.received).toBe(4);
    expect(body.inPeriod.entered).toMatchObject({ submitted: 4, scanning: 4, awaiting_filler: 3, awaiting_leader: 2, awaiting_chief: 1, approved: 1, publishing: 1, rejected: 1, blocked: 1, published: 0 });
    expect(body.inPeriod.scans.total).toBe(4);
    expect(body.inPeriod.scans.byVerdict).toEqual({ pass: 3, review: 0, block: 1 });
    expect(body.inPeriod.scans.hitsByCategory['classified-marking']).toBeGreaterThanOrEqual(1);
    expect(body.inPeriod.scans.hitsByCategory['personal-info']).toBeGreaterThanOrEqual(1);

    // Two items left 初审, two left 复审 (one approved, one rejected), one left 复核, all within this test run.
    expect(body.inPeriod.reviewTimes.filler).toMatchObject({ decided: 2 });
    expect(body.inPeriod.reviewTimes.leader).toMatchObject({ decided: 2 });
    expect(body.inPeriod.reviewTimes.chief).toMatchObject({ decided: 1 });
    const elapsedMinutes = (Date.now() - startedAt.getTime()) / 60_000;
    for (const level of ['filler', 'leader', 'chief']) {
      const times = body.inPeriod.reviewTimes[level];
      expect(times.medianMinutes).toBeGreaterThanOrEqual(0);
      expect(times.maxMinutes).toBeLessThanOrEqual(Math.ceil(elapsedMinutes * 10) / 10 + 0.1);
      expect(times.p90Minutes).toBeGreaterThanOrEqual(times.medianMinutes);
    }
  });

  it('counts nothing in a period before the items existed, but still shows where they stand now', async () => {
    const { body } = await report(tokens.chief, '?from=2026-01-01&to=2026-01-31').expect(200);
    expect(body.period).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-01-31T16:00:00.000Z' });
    expect(body.inPeriod.received).toBe(0);
    expect(body.inPeriod.scans.total).toBe(0);
    expect(body.inPeriod.reviewTimes.filler).toEqual({ decided: 0, medianMinutes: null, p90Minutes: null, maxMinutes: null });
    expect(body.now.byState.blocked).toBe(1);
  });

  it("shows another unit's admin only that unit's figures", async () => {
    const { body } = await report(await login(t, other.users.admin)).expect(200);
    expect(body.unit.code).toBe('u2');
    expect(body.now.awaitingReview).toBe(0);
    expect(body.inPeriod.received).toBe(0);
    expect(Object.values(body.now.byState).every((n) => n === 0)).toBe(true);
  });

  it('refuses a filler, a CMS key and no credentials, and names the bad field of a period', async () => {
    expect((await report(tokens.filler).expect(403)).body.message).toMatch(/leader, chief or secrecy administrator/);
    await t.http.get('/api/v1/reports/summary').set('X-Api-Key', s.apiKey).expect(401);
    await t.http.get('/api/v1/reports/summary').expect(401);
    expect((await report(tokens.admin, '?from=last-week').expect(400)).body).toMatchObject({ statusCode: 400, field: 'from' });
    expect((await report(tokens.admin, '?from=2026-03-01&to=2026-02-01').expect(400)).body).toMatchObject({ field: 'from' });
    expect((await report(tokens.admin, '?from=2020-01-01&to=2026-01-01').expect(400)).body).toMatchObject({ field: 'to', message: expect.stringContaining('366 days') });
  });

  it('gives operators the same figures through the CLI, as lines or as JSON', async () => {
    // A fixed period around now, so the API and the CLI count the same events.
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const api = (await report(tokens.admin, `?from=${from}&to=${to}`).expect(200)).body;
    const asJson = await t.cli('report', s.unit, '--from', from, '--to', to, '--json');
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.out.join('\n'))).toEqual(api);

    const text = await t.cli('report', s.unit);
    expect(text.code).toBe(0);
    expect(text.out[0]).toContain(`${s.unit} 测试单位${s.unit}`);
    expect(text.out.join('\n')).toMatch(/1 awaiting review/);
    // Nothing here waits past its due time (the default is working days).
    expect(text.out).toContain('overdue now: 0; levels overdue in the period: 0');
    expect(text.out.join('\n')).toMatch(/初审 filler: 2 decided, minutes median/);

    const bad = await t.cli('report', s.unit, '--from', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--from: from is not a real date/);
    expect((await t.cli('report', 'nowhere')).err.join('\n')).toMatch(/unit nowhere does not exist/);
  });
});
