import { EntityManager } from '@mikro-orm/core';
import { AuditService } from '../../src/audit/audit.service';
import { AuditVerifier } from '../../src/audit/audit-verifier';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { sqlOf } from './audit-test-kit';

/** Resolves to what `promise` gave, or to 'waiting' if it is still pending after `ms`. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'waiting'> => Promise.race([promise, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);

describe('appends to different items do not wait for each other', () => {
  let t: TestApp;
  let s: Seeded;
  const items: string[] = [];
  const audit = new AuditService();

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    for (const externalId of ['x', 'y']) {
      const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId)).expect(202);
      await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
      items.push(body.id);
    }
  });
  afterAll(() => t?.close());

  /** A transaction that has appended (and flushed) an event of the item and stays open. */
  const openWithEvent = async (itemId: string, note: string): Promise<EntityManager> => {
    const em = t.orm.em.fork();
    await em.begin();
    await audit.append(em, { actor: 'system', action: 'item.noted', itemId, data: { note } });
    await em.flush();
    return em;
  };

  const postgres = () => t.config.database.driver === 'postgresql';

  it('holds two open transactions on two items that have both appended (PostgreSQL); on SQLite, queues them on its one writer', async () => {
    const first = await openWithEvent(items[0], 'first');
    const second = openWithEvent(items[1], 'second');
    if (postgres()) {
      // Both have linked their event while the other is still open: no lock is shared between two items' chains.
      const opened = await within(second, 3000);
      expect(opened).not.toBe('waiting');
      await first.commit();
      await (opened as EntityManager).commit();
    } else {
      expect(await within(second, 300)).toBe('waiting');
      await first.commit();
      await (await second).commit();
    }
    const sql = sqlOf(t.orm);
    const noted = await sql("select chain, position from audit_events where action = 'item.noted' order by seq");
    expect(noted.map((e) => e.chain)).toEqual(expect.arrayContaining(items.map((id) => `item:${id}`)));
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('queues two transactions on one item at its chain head and links them one after the other', async () => {
    const first = await openWithEvent(items[0], 'one');
    const second = openWithEvent(items[0], 'two');
    expect(await within(second, 300)).toBe('waiting');
    await first.commit();
    await (await second).commit();
    const sql = sqlOf(t.orm);
    const [a, b] = await sql("select position, prev_hash, hash, data from audit_events where chain = ? and action = 'item.noted' order by position desc limit 2", [`item:${items[0]}`]);
    expect(Number(a.position)).toBe(Number(b.position) + 1);
    expect(a.prev_hash).toBe(b.hash);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('rolls the chain head back with a transaction that does not commit', async () => {
    const sql = sqlOf(t.orm);
    const [before] = await sql('select position, last_hash from audit_heads where chain = ?', [`item:${items[1]}`]);
    const em = await openWithEvent(items[1], 'rolled back');
    await em.rollback();
    expect(await sql('select position, last_hash from audit_heads where chain = ?', [`item:${items[1]}`])).toEqual([before]);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('verifies a live database as one snapshot: submissions, scans and decisions committing meanwhile are not tampering', async () => {
    const token = await login(t, s.users.filler);
    let writing = true;
    const writer = (async () => {
      for (let n = 0; n < 24; n++) {
        const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `live-${n}`)).expect(202);
        if (n % 3 === 0) {
          await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
          await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }).expect(200);
        }
      }
    })().finally(() => (writing = false));
    const reports = [];
    while (writing) {
      reports.push(await new AuditVerifier(t.orm.em.fork()).verify());
      // On SQLite every statement completes synchronously: without a pause this loop would never let the writer's requests run.
      await new Promise((r) => setTimeout(r, 5));
    }
    await writer;
    expect(reports.flatMap((r) => r.findings)).toEqual([]);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(reports[reports.length - 1].events).toBeGreaterThan(reports[0].events);
  });
});
