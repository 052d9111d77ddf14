import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AuditVerifier } from '../../src/audit/audit-verifier';
import { checkpointBody, checkpointFileName, checkpointHash } from '../../src/audit/checkpoint-record';
import { loadPublicKey } from '../../src/audit/checkpoint-signing';
import { eventLeaf, MerkleTree } from '../../src/audit/merkle';
import { rawDate } from '../../src/database/raw-sql';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { auditFiles, reinsert, rewriteChain, Row, saveChain, sqlOf, truncateChain } from './audit-test-kit';

describe('audit:verify names each kind of tampering done inside the database', () => {
  const files = auditFiles();
  let t: TestApp;
  let s: Seeded;
  let sql: ReturnType<typeof sqlOf>;
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

  const verify = (...extra: string[]) => t.cli('audit:verify', '--checkpoints', files.checkpointDir, '--public-key', files.publicKeyFile, ...extra);
  const expectTampered = async (pattern: RegExp | string, ...extra: string[]) => {
    const result = await verify(...extra);
    expect(result.code).toBe(1);
    const err = result.err.join('\n');
    if (typeof pattern === 'string') expect(err).toContain(pattern);
    else expect(err).toMatch(pattern);
    return err;
  };
  const expectIntact = async () => {
    const result = await verify();
    expect(result.err.filter((l) => l.startsWith('tampered'))).toEqual([]);
    expect(result).toMatchObject({ code: 0, out: [expect.stringMatching(/^ok \d+ events$/)] });
  };
  const checkpoint = async () => {
    const result = await t.cli('audit:checkpoint');
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^checkpoint \d+: \d+ event\(s\), seq \d+–\d+, root [0-9a-f]{64}, signed by key [0-9a-f]{32}, written to /);
  };
  const chainOf = (key: keyof typeof ids) => `item:${ids[key]}`;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SIGNING_KEY_FILE: files.keyFile, AUDIT_CHECKPOINT_DIR: files.checkpointDir, AUDIT_CHECKPOINT_INTERVAL: '3600' });
    // The worker's first run at boot; joined here so the checkpoints below are the only ones.
    await t.app.get(AuditCheckpointService).runOnce();
    sql = sqlOf(t.orm);
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    const token = { filler: await login(t, s.users.filler), leader: await login(t, s.users.leader) };
    const submit = async (externalId: string, body?: string) => {
      const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, body ? { body } : {}));
      expect(response.status).toBe(202);
      await waitForState(t, s.apiKey, response.body.id, 'awaiting_filler');
      return response.body.id as string;
    };
    const decide = (id: string, who: keyof typeof token, body: object) => t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token[who]}`).send(body).expect(200);

    ids.a = await submit('a');
    await decide(ids.a, 'filler', { decision: 'approve', revision: 1 });
    await decide(ids.a, 'leader', { decision: 'approve', revision: 1, comment: '同意' });
    ids.b = await submit('b');
    await decide(ids.b, 'filler', { decision: 'reject', revision: 1, comment: '请删除联系电话' });
    expect(await submit('b', '各科室：请按要求做好政务公开工作。')).toBe(ids.b);
    await checkpoint();
    ids.c = await submit('c');
    await decide(ids.c, 'filler', { decision: 'approve', revision: 1 });
    await checkpoint();
    await t.cli('channel:add', 'wechat', '--url', 'http://127.0.0.1:9/wechat');
    await checkpoint();
    ids.d = await submit('d');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(files.dir, { recursive: true, force: true });
  });

  it('passes on the untouched database, checking every signature and the exported files', async () => {
    const result = await verify();
    expect(result).toMatchObject({ code: 0, out: [expect.stringMatching(/^ok \d+ events$/)] });
    expect(result.err).toContain('note: 3 of 3 checkpoint signature(s) verified with the given public key');
    expect(result.err.some((l) => /^note: \d+ event\(s\) after the last checkpoint/.test(l))).toBe(true);
  });

  it('names an edited event', async () => {
    const [event] = await sql("select seq, position, data from audit_events where chain = ? and action = 'item.state' and to_state = 'awaiting_chief'", [chainOf('a')]);
    await sql('update audit_events set data = ? where seq = ?', [JSON.stringify({ revision: 1, decision: 'approve', level: 'leader', comment: '不同意' }), event.seq]);
    await expectTampered(`tampered: event ${event.seq} (item ${ids.a}, #${event.position}) was altered: its hash does not match its content`);
    await sql('update audit_events set data = ? where seq = ?', [JSON.stringify(typeof event.data === 'string' ? JSON.parse(event.data) : event.data), event.seq]);
    await expectIntact();
  });

  it('names a rewritten chain whose hashes were all recomputed, by the checkpoint that sealed it', async () => {
    const restore = await saveChain(t.orm, chainOf('a'));
    await rewriteChain(t.orm, chainOf('a'), 4, (event) => (event.actor = 'user:mallory'));
    const err = await expectTampered(/tampered: the events sealed by checkpoint 1 \(seq 1–\d+\) are not the ones it sealed: they were rewritten \(hashes recomputed\)/);
    expect(err).not.toMatch(/was altered|does not link/);
    await restore();
    await expectIntact();
  });

  it('names a rewrite that also re-made the checkpoints in the database: their files and signatures disagree', async () => {
    const restoreChain = await saveChain(t.orm, chainOf('a'));
    const saved = await sql('select * from audit_checkpoints order by number');
    await rewriteChain(t.orm, chainOf('a'), 4, (event) => (event.actor = 'user:mallory'));
    // The insider recomputes every checkpoint over the rewritten events; without the key, they go unsigned.
    const verifier = () => new AuditVerifier(t.orm.em.fork(), { publicKeys: [loadPublicKey(files.publicKeyFile)] });
    let prevHash = '0'.repeat(64);
    for (const row of saved) {
      const tree = new MerkleTree('sha256');
      for (const e of await sql('select seq, hash from audit_events where seq >= ? and seq <= ? order by seq', [row.first_seq, row.last_seq])) tree.add(eventLeaf(Number(e.seq), String(e.hash)));
      const body = checkpointBody({
        number: Number(row.number), createdAt: rawDate(row.created_at), algorithm: 'sha256',
        firstSeq: Number(row.first_seq), lastSeq: Number(row.last_seq), events: tree.size, root: tree.root(), prevHash, legacy: null, keyId: null,
      });
      prevHash = checkpointHash(body);
      await sql('update audit_checkpoints set root = ?, prev_hash = ?, hash = ?, key_id = null, signature = null where number = ?', [body.root, body.prevHash, prevHash, row.number]);
    }
    const withoutFiles = await verifier().verify();
    expect(withoutFiles.findings).toEqual(['no checkpoint is signed, yet a public key was given to check them with']);
    await expectTampered('tampered: checkpoint 1 in the database differs from its exported file: it was rewritten');
    await sql('delete from audit_checkpoints');
    await reinsert(t.orm, 'audit_checkpoints', saved);
    await restoreChain();
    await expectIntact();
  });

  it('names events deleted from the end of a chain whose head was rewound', async () => {
    const removed = await truncateChain(t.orm, chainOf('a'), 2);
    const err = await expectTampered(/tampered: checkpoint 1 sealed \d+ events \(seq 1–\d+\) and \d+ remain: events were deleted/);
    // The rewound head and the shortened chain agree: only the checkpoint tells.
    expect(err).not.toMatch(/chain head/);
    await reinsert(t.orm, 'audit_events', removed);
    await sql('update audit_heads set position = ?, last_hash = ? where chain = ?', [removed[0].position, removed[0].hash, chainOf('a')]);
    await expectIntact();
  });

  it('names the newest events deleted together with the checkpoints that sealed them, by the exported files', async () => {
    const [third] = await sql('select * from audit_checkpoints where number = 3');
    const removed = await sql('select * from audit_events where seq >= ? order by seq', [third.first_seq]);
    const heads = await sql('select * from audit_heads');
    await sql('delete from audit_events where seq >= ?', [third.first_seq]);
    await sql('delete from audit_checkpoints where number = 3');
    for (const chain of new Set(removed.map((e) => String(e.chain)))) {
      const [last] = await sql('select position, hash from audit_events where chain = ? order by position desc limit 1', [chain]);
      if (last) await sql('update audit_heads set position = ?, last_hash = ? where chain = ?', [last.position, last.hash, chain]);
      else await sql('delete from audit_heads where chain = ?', [chain]);
    }
    const err = await expectTampered('tampered: checkpoint 3 is in the exported files but not in the database: it was deleted from the database');
    expect(err).toMatch(/tampered: checkpoint 3 sealed \d+ events \(seq \d+–\d+\) and 0 remain: events were deleted; the database now ends at seq \d+/);
    await reinsert(t.orm, 'audit_events', removed);
    await reinsert(t.orm, 'audit_checkpoints', [third]);
    await sql('delete from audit_heads');
    await reinsert(t.orm, 'audit_heads', heads);
    await expectIntact();
  });

  it('names a checkpoint deleted from the database, with and without the exported files', async () => {
    const [second] = await sql('select * from audit_checkpoints where number = 2');
    await sql('delete from audit_checkpoints where number = 2');
    await expectTampered('tampered: checkpoint 2 is in the exported files but not in the database: it was deleted from the database');
    const dbOnly = await new AuditVerifier(t.orm.em.fork(), { publicKeys: [loadPublicKey(files.publicKeyFile)] }).verify();
    expect(dbOnly.findings).toEqual(['checkpoint 2 is missing from the database: checkpoints were deleted (the numbers jump past 2)']);
    await reinsert(t.orm, 'audit_checkpoints', [second]);
    await expectIntact();
  });

  it('names a checkpoint missing from the exported files', async () => {
    const file = join(files.checkpointDir, checkpointFileName(2));
    renameSync(file, `${file}.moved`);
    await expectTampered(`tampered: checkpoint 2 is in the database but not in the exported files of ${files.checkpointDir}`);
    renameSync(`${file}.moved`, file);
    await expectIntact();
  });

  it('names an edited decision', async () => {
    const [decision] = await sql("select id, user_id, comment from decisions where item_id = ? and level = 'leader'", [ids.a]);
    const [chief] = await sql('select id from users where username = ?', [s.users.chief]);
    await sql('update decisions set user_id = ? where id = ?', [chief.id, decision.id]);
    await expectTampered(new RegExp(`tampered: item ${ids.a}: decision ${decision.id} \\(leader approve on revision 1\\) was changed after event \\d+ recorded it`));
    await sql('update decisions set user_id = ?, comment = ? where id = ?', [decision.user_id, '不同意', decision.id]);
    await expectTampered(`decision ${decision.id} (leader approve on revision 1) was changed after event`);
    await sql('update decisions set comment = ? where id = ?', [decision.comment, decision.id]);
    await expectIntact();
  });

  it('names a decision added directly, and one deleted', async () => {
    const [leader] = await sql('select id from users where username = ?', [s.users.leader]);
    const [revision] = await sql('select content_hash from revisions where item_id = ?', [ids.c]);
    const [filler] = await sql('select * from decisions where item_id = ?', [ids.c]);
    await reinsert(t.orm, 'decisions', [{ ...filler, id: '00000000-0000-4000-8000-000000000001', level: 'leader', user_id: leader.id, content_hash: revision.content_hash }]);
    await expectTampered(`tampered: item ${ids.c}: decision 00000000-0000-4000-8000-000000000001 (leader approve on revision 1) is not recorded by any audit event: it was added directly`);
    await sql("delete from decisions where id = '00000000-0000-4000-8000-000000000001'");
    await sql('delete from decisions where id = ?', [filler.id]);
    await expectTampered(new RegExp(`tampered: item ${ids.c}: decision ${filler.id}, recorded by event \\d+, is missing: it was deleted`));
    await reinsert(t.orm, 'decisions', [filler]);
    await expectIntact();
  });

  it('names an edited revision: its content hash, or its text under the same hash', async () => {
    const [revision] = await sql('select id, content_hash, body from revisions where item_id = ? and number = 2', [ids.b]);
    await sql('update revisions set content_hash = ? where id = ?', ['f'.repeat(64), revision.id]);
    await expectTampered(new RegExp(`tampered: item ${ids.b}: revision 2 was changed after event \\d+ recorded it`));
    await sql('update revisions set content_hash = ?, body = ? where id = ?', [revision.content_hash, '各科室：请按要求做好政务公开工作。联系电话：13812345678。', revision.id]);
    await expectTampered(`tampered: item ${ids.b}: the text of revision 2 no longer matches its content hash: it was edited`);
    await sql('update revisions set body = ? where id = ?', [revision.body, revision.id]);
    await expectIntact();
  });

  it('names an item whose state was changed directly', async () => {
    await sql("update items set state = 'approved' where id = ?", [ids.a]);
    await expectTampered(`tampered: item ${ids.a} is approved but its audit trail last moved it to awaiting_chief: the item row was changed`);
    await sql("update items set state = 'awaiting_chief' where id = ?", [ids.a]);
    await expectIntact();
  });

  it('fails with a public key that did not sign the checkpoints', async () => {
    const result = await t.cli('audit:verify', '--checkpoints', files.checkpointDir, '--public-key', files.otherPublicKeyFile);
    expect(result.code).toBe(1);
    expect(result.err).toEqual(expect.arrayContaining([1, 2, 3].map((n) => `tampered: checkpoint ${n}: its signature does not verify with the given public key`)));
  });

  it('answers 3 for arguments it cannot use', async () => {
    for (const argv of [['--checkpoints', join(files.dir, 'nowhere')], ['--public-key', join(files.dir, 'nowhere.pub')], ['--public-key', files.checkpointDir], ['--colour']]) {
      const result = await t.cli('audit:verify', ...argv);
      expect(result.code).toBe(3);
      expect(result.err[0]).toMatch(/^audit:verify: /);
    }
  });

  it('keeps the item history of the item view in order across chains', async () => {
    const admin = await login(t, s.users.admin);
    const view = await t.http.get(`/api/v1/items/${ids.b}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(view.body.history.map((h: Row) => h.state)).toEqual(['submitted', 'scanning', 'awaiting_filler', 'rejected', 'submitted', 'scanning', 'awaiting_filler']);
  });
});
