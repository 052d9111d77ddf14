import { itemRecordsFromJson, itemRecordsJsonSql, storedItemRecords } from '../../src/audit/item-records';
import { isPostgres, rawJson, sql } from '../../src/database/raw-sql';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A text scan that sends its item to 初审 is written with plain statements (scan/scan-verdict.ts); a scan with
 * attachments takes the general path of ItemTransitions. Both must leave the same rows: the events, the notice
 * to the fillers, the filler's deadline and the scan, and an audit chain that verifies.
 */
describe('the verdict of a text scan, written with plain statements', () => {
  let t: TestApp;
  let s: Seeded;
  const rows = async (query: string, params: unknown[]) => (await t.orm.em.fork().getConnection().execute(query, params)) as Array<Record<string, unknown>>;
  const submit = async (externalId: string, overrides: Record<string, unknown> = {}) => {
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, externalId), ...overrides }).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    return body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(() => t?.close());

  /** What the two paths must agree on, without ids and times. */
  const written = async (itemId: string) => {
    const events = await rows("select from_state, to_state, data, actor, action from audit_events where item_id = ? and action = 'item.state' order by position", [itemId]);
    const [notice] = await rows("select kind, audience, detail, unit_id from notifications where item_id = ? and kind = 'awaiting'", [itemId]);
    const [deadline] = await rows('select level, revision, unit_id, started_at, remind_at, due_at from review_deadlines where item_id = ?', [itemId]);
    const [scan] = await rows('select s.verdict, s.hit_summary, s.lexicon_version, s.rules_version from scans s join revisions r on r.id = s.revision_id where r.item_id = ?', [itemId]);
    const [item] = await rows('select state, state_changed_at from items where id = ?', [itemId]);
    return {
      events: events.map((e) => ({ ...e, data: rawJson<Record<string, unknown>>(e.data) })),
      notice: { ...notice, audience: rawJson(notice.audience), detail: rawJson(notice.detail) },
      deadline: { level: deadline.level, revision: Number(deadline.revision), unit: deadline.unit_id, started: String(deadline.started_at), due: deadline.due_at, remind: deadline.remind_at },
      scan: { ...scan, hit_summary: rawJson<{ hitCount: number }>(scan.hit_summary).hitCount },
      item: { state: item.state, changed: String(item.state_changed_at) },
    };
  };

  it('writes the rows ItemTransitions writes for a scan with an attachment, and its chain verifies', async () => {
    const plain = await written(await submit('plain'));
    const general = await written(await submit('with-file', { attachments: [{ filename: '说明.txt', data: Buffer.from('附件正文').toString('base64') }] }));
    expect(plain.events).toEqual([
      { from_state: 'submitted', to_state: 'scanning', data: { revision: 1 }, actor: 'system', action: 'item.state' },
      { from_state: 'scanning', to_state: 'awaiting_filler', data: { revision: 1, verdict: 'pass', hitCounts: {} }, actor: 'system', action: 'item.state' },
    ]);
    expect(plain.events.map(({ data, ...rest }) => ({ ...rest, keys: Object.keys(data).sort() }))).toEqual(
      general.events.map(({ data, ...rest }) => ({ ...rest, keys: Object.keys(data).sort() })),
    );
    expect(plain.notice).toEqual(general.notice);
    expect(plain.notice).toMatchObject({ kind: 'awaiting', audience: { level: 'filler' }, detail: { level: 'filler', revision: 1 } });
    expect(plain.deadline).toMatchObject({ level: 'filler', revision: 1, unit: general.deadline.unit });
    // The deadline starts when the item entered 初审, as the general path's does.
    expect(plain.deadline.started).toBe(plain.item.changed);
    expect(general.deadline.started).toBe(general.item.changed);
    expect(plain.scan).toEqual(general.scan);
    expect(plain.item.state).toBe('awaiting_filler');
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('reads an item’s stored revisions and decisions with its lock exactly as the audit trail reads them on their own', async () => {
    const id = await submit('decided');
    const token = await login(t, s.users.filler);
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }).expect(200);
    const em = t.orm.em.fork();
    const [row] = await sql<{ records: unknown }>(em, `select ${itemRecordsJsonSql(isPostgres(em), 'i.id')} as records from items i where i.id = ?`, [id]);
    const alone = (await storedItemRecords(em, [id])).get(id)!;
    const withLock = itemRecordsFromJson(row.records);
    expect(alone.map((r) => r.kind).sort()).toEqual(['decision', 'revision']);
    const byKey = (list: typeof alone) => [...list].sort((a, b) => `${a.kind}:${a.key}`.localeCompare(`${b.kind}:${b.key}`));
    expect(byKey(withLock)).toEqual(byKey(alone));
    const [none] = await sql<{ records: unknown }>(em, `select ${itemRecordsJsonSql(isPostgres(em), '?')} as records`, ['no-such-item', 'no-such-item']);
    expect(itemRecordsFromJson(none.records)).toEqual([]);
  });
});
