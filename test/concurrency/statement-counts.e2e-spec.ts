import { ScanService } from '../../src/scan/scan.service';
import { itemBody, login, seedUnit, Seeded } from '../support/fixtures';
import { Recording, statementRecorder } from '../support/statement-recorder';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What one item costs the database: every statement the service sends (BEGIN and COMMIT included) for one
 * submission over HTTP and for one scan, recorded by knex as it sends them, audit trail included: today's counts,
 * which a change that adds a round trip per item has to raise on purpose (on this kind of machine a round trip
 * costs more than the rest of a statement's work).
 */
describe('statements per item', () => {
  let t: TestApp;
  let s: Seeded;
  let recording: Recording;

  beforeAll(async () => {
    // The api role alone: no worker scans behind the test's back, the scan below is run by hand.
    t = await startTestApp({ ROLE: 'api' });
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    recording = statementRecorder(t);
  });
  afterAll(() => t?.close());


  it('submits a new item in 3 statements on PostgreSQL (8, and 3 for the write lock, on SQLite) and scans it in 5 (10, and the lock\'s 3), writing back no row it only read', async () => {
    const submission = await recording(() => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'counted')).expect(202));
    const scan = await recording(() => t.app.get(ScanService).scanRevision(submission.result.body.id, 1));
    expect(scan.result).toBe('awaiting_filler');
    process.stdout.write(
      `statements (${t.config.database.driver}): submission ${submission.sql.length}, scan ${scan.sql.length}\n` +
        `${[...submission.sql, '--', ...scan.sql].join('\n')}\n`,
    );

    // SQLite adds to each transaction the statement that takes the write lock and the two pragmas that keep its wait
    // short (see inTransaction): in process, no round trip.
    const postgres = t.config.database.driver === 'postgresql';
    const lock = postgres ? 0 : 3;
    // A new item: the API key's client with its units, then its rows with its first audit event. On PostgreSQL one
    // statement checks the channels and writes the rows (items/new-item.ts); on SQLite the channels are read first,
    // and the four inserts run between BEGIN and COMMIT.
    // Before issue 10: 9 statements and the audit event's; then 6 and the event's (4), in a transaction; then 3.
    expect(submission.sql).toHaveLength(postgres ? 2 : 2 + 6 + lock);
    // The scan: the revision with any stored scan of it, its item's state and the lexicon's revision, then one
    // transaction (scan/scan-verdict.ts): the item locked with its chain's head, its unit's due time and its stored
    // rows the events may cover, then the scan, the item's update, two events, the head, the filler's deadline and
    // the notification to the filler level, in one statement on PostgreSQL and six on SQLite. Before: 22, in two
    // transactions (one to mark the item scanning); then 14, with the unit of work.
    expect(scan.sql).toHaveLength(postgres ? 5 : 10 + lock);
    // One transaction per submission on SQLite, none on PostgreSQL (one statement); one per scan of text.
    expect(submission.sql.filter((q) => /^begin/i.test(q))).toHaveLength(postgres ? 0 : 1);
    expect(scan.sql.filter((q) => /^begin/i.test(q))).toHaveLength(1);
    // Only what changed is written: the item once in a scan; no unit, client, revision or scan row it merely loaded.
    expect(rewritten(submission.sql)).toEqual([]);
    expect(rewritten(scan.sql)).toEqual(['items']);
    expect(scan.sql.filter((q) => /^update/i.test(q) && /created_at/.test(q))).toEqual([]);
  });

  it('bumps the item version once per change on both databases: loading and flushing writes nothing', async () => {
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'versioned')).expect(202);
    await t.app.get(ScanService).scanRevision(body.id, 1);
    const levels = ['filler', 'leader', 'chief'] as const;
    const tokens = await Promise.all(levels.map((level) => login(t, s.users[level])));
    const decisions = await recording(async () => {
      for (const token of tokens) {
        await t.http.post(`/api/v1/items/${body.id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }).expect(200);
      }
    });
    expect(rewritten(decisions.sql).filter((table) => table !== 'items')).toEqual([]);
    // Created 1; scanning and awaiting_filler in one flush; awaiting_leader, awaiting_chief; approved and publishing in one flush.
    const [row] = await t.orm.em.fork().getConnection().execute('select version from items where id = ?', [body.id]);
    expect(Number(row.version)).toBe(5);
  });
});

/** Tables UPDATEs wrote other than the audit trail's (the no-op that takes SQLite's write lock quotes none). */
function rewritten(sql: string[]): string[] {
  // An update on its own, or one part of a statement of data-modifying CTEs.
  return sql.flatMap((q) => [...q.matchAll(/(?:^|\bas \()update [`"]?(\w+)[`"]?/gi)].map((m) => m[1])).filter((table) => !table.startsWith('audit') && table !== 'mikro_orm_migrations');
}
