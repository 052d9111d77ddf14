import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('archive:export (月度档案移交)', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let portal: WebhookReceiver;
  let dir: string;
  let publishedId: string;
  let rejectedId: string;
  let month: string;
  const body = '各科室：\n现将2026年第四季度政务公开工作要点印发给你们。\u3000“引号”与 <b>标签</b> 原样保存。';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clearance-archive-'));
    t = await startTestApp();
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    const secret = newSecret();
    portal = await WebhookReceiver.start(secret);
    await addChannel(t, 'portal', portal.url, secret);
    publishedId = await submitAndApprove(t, s, tokens, 'archive-1', { body });
    const published = await waitForState(t, s.apiKey, publishedId, 'published');
    // The month the item was published in, in China Standard Time, whatever the time is now.
    const at = (published.history as Array<{ state: string; at: string }>).find((h) => h.state === 'published')!.at;
    month = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 7);
    // A rejected item is not published: it is archived as a disposition, with its text and who rejected it.
    rejectedId = (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'archive-2')).expect(202)).body.id as string;
    await waitForState(t, s.apiKey, rejectedId, 'awaiting_filler');
    await t.http.post(`/api/v1/items/${rejectedId}/decisions`).set('Authorization', `Bearer ${tokens.filler}`).send({ decision: 'reject', revision: 1, comment: '数据待核实' }).expect(200);
  });
  afterAll(async () => {
    await portal?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each published revision with its text, decisions, releases and audit chain, then a manifest over the lines', async () => {
    const result = await t.cli('archive:export', s.unit, '--month', month);
    expect(result.code).toBe(0);
    const lines = result.out;
    expect(lines).toHaveLength(3);
    const item = JSON.parse(lines[0]);
    expect(item).toMatchObject({
      type: 'item', itemId: publishedId, externalId: 'archive-1', unit: { code: s.unit }, revision: 1, body, format: 'text', contentHashVerified: true,
      releases: [{ channel: 'portal', deliveredAt: expect.any(String), webhookId: portal.received[0].id }],
    });
    expect(item.decisions.map((d: { level: string; decision: string; by: string }) => [d.level, d.decision, d.by])).toEqual([
      ['filler', 'approve', s.users.filler], ['leader', 'approve', s.users.leader], ['chief', 'approve', s.users.chief],
    ]);
    expect(item.decisions.every((d: { contentHash: string }) => d.contentHash === item.contentHash)).toBe(true);
    const states = item.audit.map((e: { toState: string | null }) => e.toState);
    expect(states[0]).toBe('submitted');
    expect(states[states.length - 1]).toBe('published');
    expect(item.audit.every((e: { hash: string; prevHash: string }) => /^[0-9a-f]{64}$/.test(e.hash) && /^[0-9a-f]{64}$/.test(e.prevHash))).toBe(true);

    const disposition = JSON.parse(lines[1]);
    expect(disposition).toMatchObject({
      type: 'disposition', disposition: 'reject', itemId: rejectedId, externalId: 'archive-2', revision: 1, level: 'filler', comment: '数据待核实',
      by: `user:${s.users.filler}`, fromState: 'awaiting_filler', toState: 'rejected', contentHashVerified: true, scan: { verdict: 'pass' },
    });
    expect(disposition.decisions).toEqual([expect.objectContaining({ level: 'filler', decision: 'reject', by: s.users.filler })]);

    const manifest = JSON.parse(lines[2]);
    expect(manifest).toMatchObject({ type: 'manifest', unit: s.unit, items: 1, recalls: 0, dispositions: 1 });
    expect(manifest.sha256).toBe(createHash('sha256').update(`${lines[0]}\n${lines[1]}\n`, 'utf8').digest('hex'));
  });

  it('writes the same lines to a file once, and never overwrites an archive file', async () => {
    const file = join(dir, `${s.unit}-${month}.jsonl`);
    const written = await t.cli('archive:export', s.unit, '--month', month, '--out', file);
    expect(written.code).toBe(0);
    expect(written.err.join('\n')).toContain(`1 published item(s) of ${s.unit} written to ${file}, with 0 recall(s) and 1 disposition(s)`);
    const [itemLine, dispositionLine, manifestLine] = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(itemLine).itemId).toBe(publishedId);
    expect(JSON.parse(dispositionLine).itemId).toBe(rejectedId);
    expect(JSON.parse(manifestLine).sha256).toBe(createHash('sha256').update(`${itemLine}\n${dispositionLine}\n`, 'utf8').digest('hex'));

    const again = await t.cli('archive:export', s.unit, '--month', month, '--out', file);
    expect(again.code).toBe(2);
    expect(again.err.join('\n')).toMatch(/cannot write .*EEXIST/);
  });

  it('exports nothing but the manifest for a month without publications, and refuses a bad month or unit', async () => {
    const empty = await t.cli('archive:export', s.unit, '--month', '2020-01');
    expect(empty.code).toBe(0);
    expect(empty.out).toHaveLength(1);
    expect(JSON.parse(empty.out[0])).toMatchObject({ type: 'manifest', items: 0, sha256: createHash('sha256').digest('hex') });
    const bad = await t.cli('archive:export', s.unit, '--month', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--month: month must be a month written YYYY-MM/);
    expect((await t.cli('archive:export', 'nowhere', '--month', month)).err.join('\n')).toMatch(/unit nowhere does not exist/);
    expect((await t.cli('archive:export', s.unit)).code).toBe(2);
  });
});
