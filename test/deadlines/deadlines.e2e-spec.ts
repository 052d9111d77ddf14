import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { ReviewDeadline } from '../../src/deadlines/entities/review-deadline.entity';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { QUEUES } from '../../src/queue/queues';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { reconcile, startTestApp, TestApp, waitFor } from '../support/test-app';

/** Review deadlines with a two-second level time, so half time and the due time pass within the test. */
describe('review deadlines: reminders and escalation', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Record<'filler' | 'leader' | 'admin', string>;

  beforeAll(async () => {
    // The reconciler's own timer stays out of the way: passes run when the test calls them.
    t = await startTestApp({ REVIEW_DUE: '2s', RECONCILE_INTERVAL_MS: '3600000' });
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    tokens = { filler: await login(t, s.users.filler), leader: await login(t, s.users.leader), admin: await login(t, s.users.admin) };
  });
  afterAll(() => t?.close());

  const submit = async (externalId: string) => {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId)).expect(202);
    const id = response.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    return id;
  };
  const outbox = (itemId: string) => t.orm.em.fork().find(Notification, { itemId }, { orderBy: { createdAt: 'asc' } });

  it('tells the level at half time and when due, escalates to the leader once, and never moves the item', async () => {
    const id = await submit('due-1');
    const rows = await waitFor(async () => {
      const found = await outbox(id);
      return found.filter((n) => ['due_soon', 'overdue', 'escalated'].includes(n.kind)).length === 3 ? found : undefined;
    }, 15_000, 'due_soon, overdue and escalated in the outbox');
    const byKind = new Map(rows.map((n) => [n.kind, n]));
    expect(byKind.get('due_soon')?.audience).toEqual({ level: 'filler' });
    expect(byKind.get('overdue')?.audience).toEqual({ level: 'filler' });
    expect(byKind.get('escalated')?.audience).toEqual({ level: 'leader' });
    expect(byKind.get('escalated')?.detail).toMatchObject({ level: 'filler', escalatedTo: 'leader', revision: 1 });

    // Another sweep, and the delayed jobs having run, add nothing: each is written once.
    await reconcile(t.app);
    const again = (await outbox(id)).filter((n) => ['due_soon', 'overdue', 'escalated'].includes(n.kind));
    expect(again.map((n) => n.kind).sort()).toEqual(['due_soon', 'escalated', 'overdue']);

    // The delayed job acts within moments of the due time, not at the next sweep.
    const deadline = await t.orm.em.fork().findOneOrFail(ReviewDeadline, { item: id });
    expect(deadline.escalatedAt!.getTime() - deadline.dueAt.getTime()).toBeLessThan(1500);

    // A timer only notifies: the item still waits for 初审.
    const item = await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(item.body.state).toBe('awaiting_filler');

    const queue = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${tokens.filler}`).expect(200);
    const entry = queue.body.items.find((i: { id: string }) => i.id === id);
    expect(entry).toMatchObject({ overdue: true });
    expect(Date.parse(entry.dueAt)).toBeLessThanOrEqual(Date.now());

    const listed = await t.http.get('/api/v1/items').set('Authorization', `Bearer ${tokens.filler}`).expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ overdue: true, dueAt: entry.dueAt });

    const report = await t.http.get('/api/v1/reports/summary').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(report.body.now.overdue).toMatchObject({ filler: 1, total: 1 });
    expect(report.body.inPeriod.overdue).toBe(1);
    const cliReport = await t.cli('report', s.unit);
    expect(cliReport.out.join('\n')).toContain('overdue now: 1 (filler 1); levels overdue in the period: 1');
  });

  it('escalates an overdue 复审 to the secrecy administrators, and closes the deadline of a level decided in time', async () => {
    const id = await submit('due-2');
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens.filler}`).send({ decision: 'approve', revision: 1 }).expect(200);
    const escalated = await waitFor(async () => (await outbox(id)).find((n) => n.kind === 'escalated'), 15_000, 'the escalation of 复审');
    expect(escalated.audience).toEqual({ role: 'admin' });
    expect(escalated.detail).toMatchObject({ level: 'leader' });
    // 初审 was decided within its time: its deadline is closed and was never escalated.
    const deadlines = await t.orm.em.fork().find(ReviewDeadline, { item: id }, { orderBy: { startedAt: 'asc' } });
    expect(deadlines.map((d) => [d.level, d.closedAt !== null, d.escalatedAt !== null])).toEqual([['filler', true, false], ['leader', false, true]]);
  });

  it('acts from the database when Redis lost the delayed jobs', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.deadline));
    await queue.pause();
    try {
      const id = await submit('due-3');
      const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
      // One job per deadline at first, for the reminder; the due time's is added once the reminder has fired.
      const deadline = await t.orm.em.fork().findOneOrFail(ReviewDeadline, { item: id });
      expect(jobs.filter((j) => j.data.deadlineId === deadline.id).map((j) => j.id)).toEqual([`deadline-${deadline.id}-remind`]);
      await Promise.all(jobs.map((j) => j.remove()));
      await new Promise((resolve) => setTimeout(resolve, 2200));
      expect((await outbox(id)).filter((n) => n.kind === 'escalated')).toHaveLength(0);
      await reconcile(t.app);
      const kinds = (await outbox(id)).map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['overdue', 'escalated']));
      // Past its due time, the half-time reminder is not sent late: the overdue notice says more.
      expect(kinds).not.toContain('due_soon');
    } finally {
      await queue.resume();
    }
  });

  it('gives an item that was waiting before deadlines existed its due time, counted from its arrival', async () => {
    const id = await submit('due-backfill');
    // As after an upgrade: the item waits at 初审 with no deadline row.
    await t.orm.em.fork().nativeDelete(ReviewDeadline, { item: id });
    const arrived = (await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey).expect(200)).body;
    await reconcile(t.app);
    const deadline = await t.orm.em.fork().findOneOrFail(ReviewDeadline, { item: id, closedAt: null });
    expect(deadline.level).toBe('filler');
    expect(deadline.dueAt.getTime() - deadline.startedAt.getTime()).toBe(2000);
    expect(deadline.startedAt.toISOString()).toBe(arrived.waitingSince);
    await waitFor(async () => ((await outbox(id)).some((n) => n.kind === 'escalated') ? true : undefined), 15_000, 'the backfilled deadline to escalate');
  });

  it('lets the operator set a unit its own time per level', async () => {
    const set = await t.cli('unit:set-due', '--unit', s.unit, '--filler', '3wd', '--chief', '90m');
    expect(set.code).toBe(0);
    expect(set.out[0]).toBe(`unit ${s.unit}: filler 3wd, leader 2s (REVIEW_DUE), chief 90m`);
    const bad = await t.cli('unit:set-due', '--unit', s.unit, '--leader', '2days');
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--leader must be working days/);
    const id = await submit('due-4');
    const deadline = await t.orm.em.fork().findOneOrFail(ReviewDeadline, { item: id, closedAt: null });
    // Three working days ahead is at least three calendar days, and never more than a fortnight.
    const days = (deadline.dueAt.getTime() - deadline.startedAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThan(14);
    expect(Math.round((deadline.dueAt.getTime() - deadline.startedAt.getTime()) % 86_400_000)).toBe(0);
  });
});
