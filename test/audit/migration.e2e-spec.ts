import { MikroORM } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { AuditService } from '../../src/audit/audit.service';
import { GENESIS_HASH, legacyEventHash } from '../../src/audit/audit-hash';
import { dateParam, rawDate } from '../../src/database/raw-sql';
import { runCli } from '../../src/cli';
import { ormOptions } from '../../src/database/orm-options';
import { Decision } from '../../src/items/entities/decision.entity';
import { Item } from '../../src/items/entities/item.entity';
import { contentHash } from '../../src/items/content-hash';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';
import { auditFiles, Row, sqlOf } from './audit-test-kit';

/** The last migration of a database written by the single-chain version. */
const BEFORE_AUDIT_CHAINS = 'Migration20261201000000SealedSecrets';

interface OldInstall {
  items: { approved: string; rejected: string };
  users: Record<'filler' | 'leader', string>;
  events: number;
}

/**
 * What a database of the previous version holds: two items part way through review, their revisions and
 * decisions, and the events of the one global chain with its head, hashed as that version hashed them.
 */
async function oldInstall(orm: MikroORM, breakIt = false): Promise<OldInstall> {
  const em = orm.em.fork();
  const knex = (em.getConnection() as unknown as { getKnex(): (table: string) => { insert(rows: Row | Row[]): unknown; where(c: string, v: unknown): { update(r: Row): unknown } } }).getKnex();
  const run = (query: unknown) => em.getConnection().execute(query as never);
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes));
  const ts = (minutes: number) => dateParam(em, at(minutes));
  const unit = randomUUID();
  const users = { filler: randomUUID(), leader: randomUUID() };
  const client = randomUUID();
  const items = { approved: randomUUID(), rejected: randomUUID() };
  await run(knex('units').insert({ id: unit, code: 'u1', name: '测试单位', created_at: ts(0) }));
  for (const [role, id] of Object.entries(users)) {
    await run(knex('users').insert({ id, username: role, display_name: null, password_hash: 'x', roles: JSON.stringify([role]), unit_id: unit, active: true, created_at: ts(0) }));
  }
  await run(knex('api_clients').insert({ id: client, name: 'cms', key_hash: 'k'.repeat(64), callback_secret: 'whsec_old', active: true, created_at: ts(0), callback_origins: '[]' }));
  const text = { title: '关于政务公开的通知', body: '各科室：请按要求做好政务公开工作。', format: 'text' as const };
  const hash1 = contentHash(text);
  const hash2 = contentHash({ ...text, body: '各科室：请按要求做好政务公开工作（修改稿）。' });
  const item = (id: string, externalId: string, state: string, revision: number) =>
    run(knex('items').insert({ id, client_id: client, external_id: externalId, unit_id: unit, channels: '["portal"]', state, revision, version: 1, created_at: ts(1), state_changed_at: ts(5) }));
  await item(items.approved, 'old-1', 'awaiting_leader', 1);
  await item(items.rejected, 'old-2', 'awaiting_filler', 2);
  const revision = (itemId: string, number: number, body: string, hash: string) =>
    run(knex('revisions').insert({ id: randomUUID(), item_id: itemId, number, title: text.title, body, format: 'text', content_hash: hash, created_at: ts(1 + number), attachment_count: 0 }));
  await revision(items.approved, 1, text.body, hash1);
  await revision(items.rejected, 1, text.body, hash1);
  await revision(items.rejected, 2, '各科室：请按要求做好政务公开工作（修改稿）。', hash2);
  const decision = (itemId: string, rev: number, hash: string, decision: string, comment: string | null) =>
    run(knex('decisions').insert({ id: randomUUID(), item_id: itemId, revision: rev, content_hash: hash, level: 'filler', decision, user_id: users.filler, comment, created_at: ts(4) }));
  await decision(items.approved, 1, hash1, 'approve', null);
  await decision(items.rejected, 1, hash1, 'reject', '请修改');

  const events: Array<Omit<Parameters<typeof legacyEventHash>[1], 'seq' | 'at'>> = [
    { actor: 'cli', action: 'unit.added', data: { id: unit, code: 'u1', name: '测试单位' } },
    { actor: 'cli', action: 'user.added', data: { id: users.filler, username: 'filler' } },
    { actor: 'client:cms', action: 'item.submitted', itemId: items.approved, toState: 'submitted', data: { revision: 1, contentHash: hash1 } },
    { actor: 'system', action: 'item.state', itemId: items.approved, fromState: 'submitted', toState: 'scanning', data: { revision: 1 } },
    { actor: 'system', action: 'item.state', itemId: items.approved, fromState: 'scanning', toState: 'awaiting_filler', data: { revision: 1, verdict: 'pass' } },
    { actor: 'user:filler', action: 'item.state', itemId: items.approved, fromState: 'awaiting_filler', toState: 'awaiting_leader', data: { revision: 1, decision: 'approve', level: 'filler' } },
    { actor: 'client:cms', action: 'item.submitted', itemId: items.rejected, toState: 'submitted', data: { revision: 1, contentHash: hash1 } },
    { actor: 'user:filler', action: 'item.state', itemId: items.rejected, fromState: 'awaiting_filler', toState: 'rejected', data: { revision: 1, decision: 'reject', level: 'filler', comment: '请修改' } },
    { actor: 'client:cms', action: 'item.state', itemId: items.rejected, fromState: 'rejected', toState: 'submitted', data: { revision: 2, contentHash: hash2 } },
    { actor: 'system', action: 'item.state', itemId: items.rejected, fromState: 'scanning', toState: 'awaiting_filler', data: { revision: 2, verdict: 'pass' } },
  ];
  let prevHash = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const seq = i + 1;
    const hash = legacyEventHash(prevHash, { ...event, seq, at: at(seq) });
    await run(knex('audit_events').insert({
      seq, at: ts(seq), actor: event.actor, action: event.action, item_id: event.itemId ?? null, from_state: event.fromState ?? null, to_state: event.toState ?? null,
      data: JSON.stringify(breakIt && seq === 4 ? { revision: 9 } : event.data), prev_hash: prevHash, hash,
    }));
    prevHash = hash;
  }
  await run(knex('audit_head').where('id', 1).update({ last_hash: prevHash, count: events.length }));
  return { items, users, events: events.length };
}

describe('upgrading a database with the old single audit chain', () => {
  let env: TestEnvironment;
  let orm: MikroORM;
  let sql: ReturnType<typeof sqlOf>;
  let old: OldInstall;
  const files = auditFiles();

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = { ...env.config, audit: { ...env.config.audit, signingKeyFile: files.keyFile, checkpointDir: files.checkpointDir } };
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, config);
    return { code, out, err };
  };
  const verify = () => cli('audit:verify', '--checkpoints', files.checkpointDir, '--public-key', files.publicKeyFile);

  beforeAll(async () => {
    env = await createTestEnvironment();
    orm = await MikroORM.init(ormOptions(env.config));
    await orm.getMigrator().up({ to: BEFORE_AUDIT_CHAINS });
    old = await oldInstall(orm);
    sql = sqlOf(orm);
  });
  afterAll(async () => {
    await orm?.close();
    await env?.cleanup();
    rmSync(files.dir, { recursive: true, force: true });
  });

  it('verifies the old chain while migrating, keeps its events where they were, and starts a chain per existing item', async () => {
    // Every command migrates first: this is the first start of the new version on the old database.
    const result = await verify();
    expect(result).toMatchObject({ code: 0, out: [`ok ${old.events + 2} events`] });
    const [legacy] = await sql("select position, last_hash, broken from audit_heads where chain = 'legacy'");
    expect(legacy).toMatchObject({ broken: null });
    expect(Number(legacy.position)).toBe(old.events);
    const rows = await sql('select seq, chain, position, action from audit_events order by seq');
    expect(rows.slice(0, old.events).every((r) => r.chain === 'legacy' && Number(r.position) === Number(r.seq))).toBe(true);
    expect(rows.slice(old.events).map((r) => [r.chain, Number(r.position), r.action]).sort()).toEqual(
      [`item:${old.items.approved}`, `item:${old.items.rejected}`].sort().map((chain) => [chain, 1, 'audit.chain_started']),
    );
    const [genesis] = await sql('select covers from audit_events where chain = ?', [`item:${old.items.rejected}`]);
    const covers = typeof genesis.covers === 'string' ? JSON.parse(genesis.covers) : genesis.covers;
    expect(covers.map((c: Row) => `${c.kind}:${c.kind === 'revision' ? c.key : 'd'}`).sort()).toEqual(['decision:d', 'revision:1', 'revision:2']);
  });

  it('seals the old chain into the first checkpoint, signed', async () => {
    const made = await cli('audit:checkpoint');
    expect(made.code).toBe(0);
    expect(made.out[0]).toMatch(new RegExp(`^checkpoint 1: ${old.events + 2} event\\(s\\), seq 1–${old.events + 2}, root [0-9a-f]{64}, signed by key`));
    const [checkpoint] = await sql('select legacy from audit_checkpoints where number = 1');
    const [legacy] = await sql("select last_hash from audit_heads where chain = 'legacy'");
    const seal = typeof checkpoint.legacy === 'string' ? JSON.parse(checkpoint.legacy) : checkpoint.legacy;
    expect(seal).toEqual({ events: old.events, head: legacy.last_hash, broken: null });
    expect((await verify()).code).toBe(0);
  });

  it('continues each migrated item in its own chain with the events of new decisions', async () => {
    const em = orm.em.fork();
    await em.transactional(async (tx) => {
      const item = await tx.findOneOrFail(Item, { id: old.items.approved });
      tx.create(Decision, { item, revision: 1, contentHash: contentHash({ title: '关于政务公开的通知', body: '各科室：请按要求做好政务公开工作。', format: 'text' }), level: 'leader', decision: 'approve', user: old.users.leader });
      item.state = 'awaiting_chief';
      await new AuditService().append(tx, { actor: 'user:leader', action: 'item.state', itemId: item.id, fromState: 'awaiting_leader', toState: 'awaiting_chief', data: { revision: 1, decision: 'approve', level: 'leader' } });
    });
    const [event] = await sql("select position, prev_hash, covers from audit_events where chain = ? and action = 'item.state'", [`item:${old.items.approved}`]);
    expect(Number(event.position)).toBe(2);
    expect(JSON.stringify(event.covers)).toContain('decision');
    const result = await verify();
    expect(result).toMatchObject({ code: 0, out: [`ok ${old.events + 3} events`] });
  });

  it('names an old event edited after the upgrade, and an old chain rewritten with its own hash function', async () => {
    const [event] = await sql("select seq, actor from audit_events where chain = 'legacy' and seq = 6");
    await sql("update audit_events set actor = 'user:mallory' where seq = 6");
    let result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('tampered: event 6 (the pre-upgrade chain, #6) was altered: its hash does not match its content');

    // The insider recomputes the old chain from event 6 on, as the old audit:verify would have accepted.
    const rows = await sql("select * from audit_events where chain = 'legacy' order by seq");
    let prevHash = String(rows[4].hash);
    for (const row of rows.slice(5)) {
      const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
      const at = rawDate(row.at);
      const hash = legacyEventHash(prevHash, { seq: Number(row.seq), at, actor: String(row.actor), action: String(row.action), itemId: row.item_id as string, fromState: row.from_state as string, toState: row.to_state as string, data });
      await sql('update audit_events set prev_hash = ?, hash = ? where seq = ?', [prevHash, hash, row.seq]);
      prevHash = hash;
    }
    await sql("update audit_heads set last_hash = ? where chain = 'legacy'", [prevHash]);
    result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toEqual(expect.arrayContaining([
      'tampered: the pre-upgrade chain does not end at the head sealed by checkpoint 1: it was rewritten',
      expect.stringMatching(/^tampered: the events sealed by checkpoint 1 \(seq 1–\d+\) are not the ones it sealed: they were rewritten/),
    ]));
    expect(result.err.join('\n')).not.toMatch(/was altered/);
    for (const row of rows) await sql('update audit_events set actor = ?, prev_hash = ?, hash = ? where seq = ?', [row.seq === event.seq ? event.actor : row.actor, row.prev_hash, row.hash, row.seq]);
    await sql("update audit_heads set last_hash = ? where chain = 'legacy'", [rows[rows.length - 1].hash]);
    expect((await verify()).code).toBe(0);
  });

  it('names a decision of a migrated item edited after the upgrade', async () => {
    const [decision] = await sql("select id, comment from decisions where item_id = ? and decision = 'reject'", [old.items.rejected]);
    await sql("update decisions set comment = '同意' where id = ?", [decision.id]);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(new RegExp(`tampered: item ${old.items.rejected}: decision ${decision.id} \\(filler reject on revision 1\\) was changed after event \\d+ recorded it`));
    await sql('update decisions set comment = ? where id = ?', [decision.comment, decision.id]);
    expect((await verify()).code).toBe(0);
  });
});

describe('upgrading a database whose old chain was already broken', () => {
  let env: TestEnvironment;
  let orm: MikroORM;

  beforeAll(async () => {
    env = await createTestEnvironment();
    orm = await MikroORM.init(ormOptions(env.config));
    await orm.getMigrator().up({ to: BEFORE_AUDIT_CHAINS });
    await oldInstall(orm, true);
  });
  afterAll(async () => {
    await orm?.close();
    await env?.cleanup();
  });

  it('still upgrades, records what was wrong and reports it as tampering, before and after the first checkpoint', async () => {
    const run = async (...argv: string[]) => {
      const err: string[] = [];
      const code = await runCli(argv, { out: () => undefined, err: (l) => err.push(l) }, env.config);
      return { code, err };
    };
    const before = await run('audit:verify');
    expect(before.code).toBe(1);
    const found = 'tampered: the pre-upgrade chain was already broken when it was sealed: before the upgrade to per-item chains: event 4 was altered (its hash did not match its content)';
    expect(before.err).toContain(found);
    expect((await run('audit:checkpoint')).code).toBe(0);
    const after = await run('audit:verify');
    expect(after.code).toBe(1);
    expect(after.err.filter((l) => l === found)).toHaveLength(1);
  });
});
