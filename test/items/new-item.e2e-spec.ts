import { itemBody, seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A new item without attachments is written with plain inserts (items/new-item.ts, audit-seal insertFirstEvent);
 * one with attachments, and every later revision, through the entities. Both must leave the same rows: the same
 * column types and JSON, an audit chain that verifies, and an item the rest of the service handles alike.
 */
describe('a new item written with plain inserts', () => {
  let t: TestApp;
  let s: Seeded;
  const row = async (query: string, params: unknown[]) => (await t.orm.em.fork().getConnection().execute(query, params))[0] as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(() => t?.close());

  const submit = (externalId: string, overrides: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({
      ...itemBody(s.unit, externalId), author: { id: 'w-7', name: '王科长' }, callbackUrl: 'http://127.0.0.1:9/cb', ...overrides,
    });

  it('stores the item, its revision and its first event as the entities do', async () => {
    const fast = (await submit('plain').expect(202)).body;
    const viaEntities = (await submit('with-file', { attachments: [{ filename: '说明.txt', data: Buffer.from('附件正文').toString('base64') }] }).expect(202)).body;
    expect(fast).toMatchObject({ state: 'submitted', revision: 1 });

    const itemColumns = 'channels, author, callback_url, state, revision, referred_from, version, created_at, state_changed_at';
    const items = [await row(`select ${itemColumns} from items where id = ?`, [fast.id]), await row(`select ${itemColumns} from items where id = ?`, [viaEntities.id])];
    expect(shape(items[0])).toEqual(shape(items[1]));
    expect(items[0]).toMatchObject({ state: 'submitted', callback_url: 'http://127.0.0.1:9/cb', referred_from: null });
    expect(json(items[0].channels)).toEqual(['portal']);
    expect(json(items[0].author)).toEqual({ id: 'w-7', name: '王科长' });
    expect(Number(items[0].version)).toBe(1);
    expect(Math.abs(asTime(items[0].created_at) - Date.now())).toBeLessThan(60_000);

    const revisionColumns = 'number, title, body, format, content_hash, created_at';
    const revisions = [await row(`select ${revisionColumns} from revisions where item_id = ?`, [fast.id]), await row(`select ${revisionColumns} from revisions where item_id = ?`, [viaEntities.id])];
    expect(shape(revisions[0])).toEqual(shape(revisions[1]));
    expect(revisions[0]).toMatchObject({ title: itemBody(s.unit, 'x').title, body: itemBody(s.unit, 'x').body, format: 'text', content_hash: fast.contentHash });

    const eventColumns = 'at, actor, action, from_state, to_state, data, chain, position, covers, algorithm, prev_hash';
    const events = [await row(`select ${eventColumns} from audit_events where item_id = ?`, [fast.id]), await row(`select ${eventColumns} from audit_events where item_id = ?`, [viaEntities.id])];
    expect(shape(events[0])).toEqual(shape(events[1]));
    expect(events[0]).toMatchObject({ actor: `client:${s.client}`, action: 'item.submitted', to_state: 'submitted', chain: `item:${fast.id}`, prev_hash: '0'.repeat(64) });
    expect(json(events[0].data)).toEqual({ revision: 1, contentHash: fast.contentHash, externalId: 'plain', unit: s.unit });
    expect(json<Array<{ kind: string; key: string }>>(events[0].covers).map((c) => `${c.kind}:${c.key}`)).toEqual(['revision:1']);

    // The search table is kept by the revisions trigger, whichever way the revision was written.
    const indexed = await row('select revision, title from item_search where item_id = ?', [fast.id]);
    expect({ revision: Number(indexed.revision), title: indexed.title }).toEqual({ revision: 1, title: itemBody(s.unit, 'x').title });
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('takes the path of a known item when the externalId exists: the same content is the same item, new content a new revision', async () => {
    const first = (await submit('again').expect(202)).body;
    const same = (await submit('again').expect(200)).body;
    expect(same).toMatchObject({ id: first.id, revision: 1 });
    const revised = (await submit('again', { body: '各科室：请按新要求做好政务公开工作。' }).expect(202)).body;
    expect(revised).toMatchObject({ id: first.id, revision: 2, state: 'submitted' });
    expect(Number((await row('select count(*) as n from revisions where item_id = ?', [first.id])).n)).toBe(2);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('makes one item of identical submissions sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit('at-once')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const id = answers[0].body.id as string;
    expect(Number((await row('select count(*) as n from revisions where item_id = ?', [id])).n)).toBe(1);
    expect(Number((await row('select count(*) as n from audit_events where item_id = ?', [id])).n)).toBe(1);
  });
});

/** Each column's JavaScript type as the driver returns it: what differs between the two ways of writing a row would show here. */
function shape(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null ? 'null' : v instanceof Date ? 'date' : Array.isArray(v) ? 'array' : typeof v]));
}

function json<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function asTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' && !/^\d+$/.test(value) ? Date.parse(value) : Number(value);
}
