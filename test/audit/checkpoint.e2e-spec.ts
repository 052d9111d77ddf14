import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AuditService } from '../../src/audit/audit.service';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { AuditCheckpointer, CheckpointOutcome } from '../../src/audit/audit-checkpointer';
import { AuditVerifier } from '../../src/audit/audit-verifier';
import { checkpointBody, signedText } from '../../src/audit/checkpoint-record';
import { loadPublicKey, signatureHolds } from '../../src/audit/checkpoint-signing';
import { rawDate } from '../../src/database/raw-sql';
import { runCli } from '../../src/cli';
import { openDatabase } from '../../src/database/open-database';
import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { auditFiles, sqlOf } from './audit-test-kit';

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'waiting'> => Promise.race([promise, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);

describe('audit checkpoints', () => {
  const files = auditFiles();
  let t: TestApp;
  let s: Seeded;
  const warnings: string[] = [];

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    // No key: the embedded default starts without setup and writes unsigned checkpoints, once a second here.
    t = await startTestApp({ AUDIT_CHECKPOINT_DIR: files.checkpointDir, AUDIT_CHECKPOINT_INTERVAL: '1', AUDIT_HASH: 'sm3' });
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  });
  afterAll(async () => {
    await t?.close();
    jest.restoreAllMocks();
    rmSync(files.dir, { recursive: true, force: true });
  });

  const sql = () => sqlOf(t.orm);

  it('are written by the worker every AUDIT_CHECKPOINT_INTERVAL, unsigned without a key (said once), to the database and the directory', async () => {
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'k-1')).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    const [{ n }] = await sql()('select max(seq) as n from audit_events');
    const sealed = await waitFor(async () => {
      const [row] = await sql()('select number, last_seq, signature from audit_checkpoints where last_seq >= ? order by number limit 1', [n]);
      return row;
    }, 10_000, 'a checkpoint over the new events');
    expect(sealed.signature).toBeNull();
    const exported = readdirSync(files.checkpointDir).sort();
    expect(exported).toContain(`checkpoint-${String(sealed.number).padStart(8, '0')}.json`);
    const record = JSON.parse(readFileSync(join(files.checkpointDir, exported[exported.length - 1]), 'utf8'));
    expect(record).toMatchObject({ format: 'clearance-audit-checkpoint/1', algorithm: 'sm3', signature: null, keyId: null });
    expect(warnings.filter((w) => w.startsWith('audit checkpoints are written unsigned'))).toHaveLength(1);
    const verify = await t.cli('audit:verify', '--checkpoints', files.checkpointDir);
    expect(verify).toMatchObject({ code: 0, out: [expect.stringMatching(/^ok \d+ events$/)] });
    expect(verify.err.some((l) => /^note: \d+ checkpoint\(s\) unsigned/.test(l))).toBe(true);
  });

  it('hash with SM3 when AUDIT_HASH=sm3, recorded on each event and checkpoint', async () => {
    const events = await sql()("select algorithm from audit_events where chain like 'item:%'");
    expect(new Set(events.map((e) => e.algorithm))).toEqual(new Set(['sm3']));
    const checkpoints = await sql()('select distinct algorithm from audit_checkpoints');
    expect(checkpoints).toEqual([{ algorithm: 'sm3' }]);
    const [event] = await sql()("select seq, actor from audit_events where chain like 'item:%' order by seq limit 1");
    await sql()("update audit_events set actor = 'user:mallory' where seq = ?", [event.seq]);
    const broken = await t.cli('audit:verify');
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toContain(`event ${event.seq} (item `);
    await sql()('update audit_events set actor = ? where seq = ?', [event.actor, event.seq]);
  });

  it('seal an event whose transaction commits after a later one: the checkpoint waits for it instead of skipping it', async () => {
    // From here on the tests write the checkpoints themselves.
    await t.app.get(AuditCheckpointService).onApplicationShutdown();
    const service = t.app.get(AuditService);
    const [item] = await sql()('select id from items limit 1');
    const open = async (note: string): Promise<EntityManager> => {
      const em = t.orm.em.fork();
      await em.begin();
      await service.append(em, { actor: 'system', action: 'item.noted', itemId: String(item.id), data: { note } });
      await em.flush();
      return em;
    };
    const late = await open('late');
    const [{ seq: lateSeq }] = await late.getConnection().execute("select max(seq) as seq from audit_events where action = 'item.noted'", [], 'all', late.getTransactionContext());
    const checkpointer = new AuditCheckpointer(t.orm.em, { algorithm: 'sm3', dir: files.checkpointDir });
    if (t.config.database.driver === 'postgresql') {
      // An event of another chain commits first with a higher seq; seeing it must not seal past the open one.
      await t.orm.em.fork().transactional((em) => service.append(em, { actor: 'system', action: 'channel.noted', data: {} }));
    }
    const pending = checkpointer.checkpoint();
    expect(await within(pending, 500)).toBe('waiting');
    await late.commit();
    const outcome = (await pending) as Extract<CheckpointOutcome, { written: unknown }>;
    expect(outcome.written.lastSeq).toBeGreaterThanOrEqual(Number(lateSeq));
    const verify = await t.cli('audit:verify', '--checkpoints', files.checkpointDir);
    expect(verify).toMatchObject({ code: 0 });
  });

  it('are written one at a time when several processes try at once', async () => {
    const postgres = t.config.database.driver === 'postgresql';
    // Separate pools stand for separate processes on PostgreSQL; SQLite in one process shares its one connection.
    const orms: MikroORM[] = postgres ? await Promise.all([1, 2, 3].map(() => openDatabase(t.config))) : [t.orm, t.orm, t.orm];
    try {
      await t.orm.em.fork().transactional((em) => t.app.get(AuditService).append(em, { actor: 'system', action: 'channel.noted', data: {} }));
      const outcomes = await Promise.all(orms.map((orm) => new AuditCheckpointer(orm.em, { algorithm: 'sm3', dir: files.checkpointDir }).checkpoint()));
      expect(outcomes.filter((o) => 'written' in o)).toHaveLength(1);
      const numbers = (await sql()('select number from audit_checkpoints order by number')).map((r) => Number(r.number));
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect((await t.cli('audit:verify', '--checkpoints', files.checkpointDir)).code).toBe(0);
    } finally {
      if (postgres) await Promise.all(orms.map((orm) => orm.close()));
    }
  });

  it('audit:keygen writes a private key only its owner may read, and the public key it prints; it never replaces a key', async () => {
    const out = join(files.dir, 'made.key');
    const made = await t.cli('audit:keygen', '--out', out);
    expect(made.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(made.out[0]).toBe('-----BEGIN PUBLIC KEY-----');
    expect(`${made.out.join('\n')}\n`).toBe(readFileSync(`${out}.pub`, 'utf8'));
    const again = await t.cli('audit:keygen', '--out', out);
    expect(again.code).toBe(2);
    expect(existsSync(out)).toBe(true);

    // A checkpoint signed with it verifies with its public half, and with no other key.
    const withKey = { ...t.config, audit: { ...t.config.audit, signingKeyFile: out } };
    await t.orm.em.fork().transactional((em) => t.app.get(AuditService).append(em, { actor: 'system', action: 'channel.noted', data: {} }));
    expect(await runCli(['audit:checkpoint'], { out: () => undefined, err: () => undefined }, withKey)).toBe(0);
    const [row] = await sql()('select * from audit_checkpoints order by number desc limit 1');
    const body = checkpointBody({
      number: Number(row.number), createdAt: rawDate(row.created_at),
      algorithm: 'sm3', firstSeq: Number(row.first_seq), lastSeq: Number(row.last_seq), events: Number(row.events), root: String(row.root), prevHash: String(row.prev_hash),
      legacy: null, keyId: String(row.key_id),
    });
    expect(signatureHolds(signedText(body), String(row.signature), loadPublicKey(`${out}.pub`))).toBe(true);
    expect(signatureHolds(signedText(body), String(row.signature), loadPublicKey(files.publicKeyFile))).toBe(false);
    const report = await new AuditVerifier(t.orm.em.fork(), { checkpointDir: files.checkpointDir, publicKeys: [loadPublicKey(`${out}.pub`)] }).verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.notes).toContain(`1 of ${report.checkpoints} checkpoint signature(s) verified with the given public key`);
  });
});
