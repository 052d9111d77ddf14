import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { itemBody, login, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { freePort } from '../support/processes';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { listen } from '../../src/app.factory';
import { loadConfig } from '../../src/config/env.schema';

const MISSING = '00000000-0000-4000-8000-000000000000';

@Module({})
class NothingModule {}
const BLOCKED_BODY = '机密★10年\n关于某项工作的通知';

describe('least privilege', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  let tokens: Tokens;
  let theirs: Tokens;
  let portal: WebhookReceiver;
  const ids: Record<string, string> = {};
  let failedDelivery: string;

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '1' });
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-2');
    tokens = await tokensOf(t, s);
    theirs = await tokensOf(t, other);
    const secret = newSecret();
    portal = await WebhookReceiver.start(secret);
    await addChannel(t, 'portal', portal.url, secret);
    await addChannel(t, 'dead', 'http://127.0.0.1:9/dead', newSecret());

    ids.awaiting = (await submit('lp-awaiting')).body.id;
    ids.blocked = (await submit('lp-blocked', { body: BLOCKED_BODY })).body.id;
    ids.referred = (await submit('lp-referred')).body.id;
    ids.published = await submitAndApprove(t, s, tokens, 'lp-published');
    ids.failed = await submitAndApprove(t, s, tokens, 'lp-failed', { channels: ['dead'] });
    await waitForState(t, s.apiKey, ids.awaiting, 'awaiting_filler');
    await waitForState(t, s.apiKey, ids.blocked, 'blocked');
    await waitForState(t, s.apiKey, ids.referred, 'awaiting_filler');
    await decide(tokens.filler, ids.referred, { decision: 'refer', revision: 1, comment: '请保密办审查' }).expect(200);
    await waitForState(t, s.apiKey, ids.published, 'published');
    failedDelivery = (await waitFor(async () => (await deliveriesOf(t, s.apiKey, ids.failed)).find((d) => d.status === 'failed'), 30_000, 'the dead channel to fail')).id;
  });
  afterAll(async () => {
    await portal?.close();
    await t?.close();
  });

  function submit(externalId: string, overrides = {}, apiKey = s.apiKey) {
    return t.http.post('/api/v1/items').set('X-Api-Key', apiKey).send(itemBody(s.unit, externalId, overrides)).expect(202);
  }
  function decide(token: string, id: string, body: object) {
    return t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send(body);
  }

  describe('another unit\'s items answer 404, for writes as for reads, exactly as an id that does not exist', () => {
    const calls: Array<[string, (token: string, id: string) => ReturnType<TestApp['http']['get']>, string]> = [
      ['view', (token, id) => t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${token}`), 'awaiting'],
      ['deliveries', (token, id) => t.http.get(`/api/v1/items/${id}/deliveries`).set('Authorization', `Bearer ${token}`), 'published'],
      ['attachment parts', (token, id) => t.http.get(`/api/v1/items/${id}/attachments/0/parts`).set('Authorization', `Bearer ${token}`), 'awaiting'],
      ['approve', (token, id) => t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'approve', revision: 1 }), 'awaiting'],
      ['reject', (token, id) => t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send({ decision: 'reject', revision: 1, comment: '越权' }), 'awaiting'],
      ['override', (token, id) => t.http.post(`/api/v1/items/${id}/override`).set('Authorization', `Bearer ${token}`).send({ comment: '越权' }), 'blocked'],
      ['return', (token, id) => t.http.post(`/api/v1/items/${id}/return`).set('Authorization', `Bearer ${token}`).send({ comment: '越权' }), 'referred'],
      ['recall', (token, id) => t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${token}`).send({ comment: '越权' }), 'published'],
    ];

    it.each(calls.map(([name, call, item]) => [name, call, item] as const))('%s', async (_name, call, item) => {
      for (const role of ['filler', 'leader', 'chief', 'admin'] as const) {
        const missing = await call(theirs[role], MISSING).expect(404);
        const refused = await call(theirs[role], ids[item]).expect(404);
        expect(refused.body).toEqual({ ...missing.body, message: missing.body.message.replace(MISSING, ids[item]) });
      }
      // And the item is as it was.
      const seen = await t.http.get(`/api/v1/items/${ids[item]}`).set('X-Api-Key', s.apiKey).expect(200);
      expect(seen.body.state).toBe({ awaiting: 'awaiting_filler', blocked: 'blocked', referred: 'referred', published: 'published' }[item]);
    });

    it('redeliver', async () => {
      const missing = await t.http.post(`/api/v1/deliveries/${MISSING}/redeliver`).set('Authorization', `Bearer ${theirs.admin}`).expect(404);
      const refused = await t.http.post(`/api/v1/deliveries/${failedDelivery}/redeliver`).set('Authorization', `Bearer ${theirs.admin}`).expect(404);
      expect(refused.body).toEqual({ ...missing.body, message: missing.body.message.replace(MISSING, failedDelivery) });
      // The unit's own admin may.
      await t.http.post(`/api/v1/deliveries/${failedDelivery}/redeliver`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
    });

    it('a channel for another unit is refused alike whether that unit exists or not', async () => {
      const add = (unit: string) => t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send({ name: `x-${unit}`, url: 'http://127.0.0.1:9/x', unit });
      const existing = await add(other.unit).expect(403);
      const invented = await add('no-such-unit').expect(403);
      expect(invented.body).toEqual(existing.body);
    });
  });

  describe('separation of duties counts an override or a return as acting on the item', () => {
    it('a secrecy administrator who overrode a block may not then approve the item as chief', async () => {
      expect((await t.cli('user:add', 'admin-chief', '--role', 'admin', '--role', 'chief', '--unit', s.unit, '--password', PASSWORD)).code).toBe(0);
      const dual = await login(t, 'admin-chief');
      const { body } = await submit('sod-override', { body: BLOCKED_BODY });
      await waitForState(t, s.apiKey, body.id, 'blocked');
      await t.http.post(`/api/v1/items/${body.id}/override`).set('Authorization', `Bearer ${dual}`).send({ comment: '示例文本，经保密办确认' }).expect(200);
      await decide(tokens.filler, body.id, { decision: 'approve', revision: 1 }).expect(200);
      await decide(tokens.leader, body.id, { decision: 'approve', revision: 1 }).expect(200);
      const queue = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${dual}`).expect(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);
      const refused = await decide(dual, body.id, { decision: 'approve', revision: 1 }).expect(409);
      expect(refused.body.message).toMatch(/secrecy administrator.*separation of duties/);
      await decide(dual, body.id, { decision: 'reject', revision: 1, comment: '退回' }).expect(409);
      await decide(tokens.chief, body.id, { decision: 'approve', revision: 1 }).expect(200);
    });

    it('a reviewer who decided at a level may not override or return the same item as secrecy administrator', async () => {
      expect((await t.cli('user:add', 'filler-admin', '--role', 'filler', '--role', 'admin', '--unit', s.unit, '--password', PASSWORD)).code).toBe(0);
      const dual = await login(t, 'filler-admin');
      const referred = (await submit('sod-return')).body.id as string;
      await waitForState(t, s.apiKey, referred, 'awaiting_filler');
      await decide(dual, referred, { decision: 'refer', revision: 1, comment: '需保密办审查' }).expect(200);
      const queue = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${dual}`).expect(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(referred);
      const refused = await t.http.post(`/api/v1/items/${referred}/return`).set('Authorization', `Bearer ${dual}`).send({ comment: '可以公开' }).expect(409);
      expect(refused.body.message).toMatch(/level filler.*separation of duties/);
      await t.http.post(`/api/v1/items/${referred}/return`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '可以公开' }).expect(200);

      // A new revision that is blocked: the person who decided at 初审 of revision 1 may not override it.
      const first = (await submit('sod-new-revision')).body.id as string;
      await waitForState(t, s.apiKey, first, 'awaiting_filler');
      await decide(dual, first, { decision: 'approve', revision: 1 }).expect(200);
      await submit('sod-new-revision', { body: BLOCKED_BODY });
      await waitForState(t, s.apiKey, first, 'blocked');
      await t.http.post(`/api/v1/items/${first}/override`).set('Authorization', `Bearer ${dual}`).send({ comment: '误报' }).expect(409);
      await t.http.post(`/api/v1/items/${first}/override`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '误报' }).expect(200);
    });
  });

  describe('HOST chooses the listening address', () => {
    const closers: Array<() => Promise<void>> = [];
    afterAll(() => Promise.all(closers.map((c) => c())));

    // listen() is what main.ts calls; an application of its own keeps this off the service's queues.
    const listenWith = async (host: string | undefined) => {
      const config = { ...t.config, port: await freePort(), host };
      const app = await NestFactory.create<NestExpressApplication>(NothingModule, { logger: false });
      const where = await listen(app, config);
      closers.push(() => app.close());
      const server = app.getHttpServer() as Server;
      return { address: server.address() as AddressInfo, where };
    };

    it('listens on the named address only', async () => {
      const { address, where } = await listenWith('127.0.0.1');
      expect(address.address).toBe('127.0.0.1');
      expect(where).toBe(`http://127.0.0.1:${address.port}`);
      const v6 = await listenWith('::1');
      expect(v6.address.address).toBe('::1');
      expect(v6.where).toBe(`http://[::1]:${v6.address.port}`);
    });

    it('listens on every interface without HOST, as before', async () => {
      const { address, where } = await listenWith(undefined);
      expect(['::', '0.0.0.0']).toContain(address.address);
      expect(where).toMatch(/\(all interfaces\)$/);
    });

    it('refuses a HOST that is no address or host name', () => {
      expect(() => loadConfig({ HOST: 'http://0.0.0.0' })).toThrow(/HOST must be an IP address or a host name/);
      expect(loadConfig({ HOST: '::' }).host).toBe('::');
      expect(loadConfig({}).host).toBeUndefined();
    });
  });

  describe('archive:export includes recalls and dispositions with their records', () => {
    it('writes the override, the publication and the recall of one item, and the return of another', async () => {
      const { body } = await submit('archive-override', { body: BLOCKED_BODY });
      await waitForState(t, s.apiKey, body.id, 'blocked');
      await t.http.post(`/api/v1/items/${body.id}/override`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '标志为示例文本，经保密办确认' }).expect(200);
      for (const level of ['filler', 'leader', 'chief'] as const) await decide(tokens[level], body.id, { decision: 'approve', revision: 1 }).expect(200);
      await waitForState(t, s.apiKey, body.id, 'published');
      await t.http.post(`/api/v1/items/${body.id}/recall`).set('Authorization', `Bearer ${tokens.chief}`).send({ comment: '信息有误，撤稿' }).expect(200);
      await waitFor(async () => (await deliveriesOf(t, s.apiKey, body.id)).find((d) => d.kind === 'recall' && d.status === 'delivered'), 30_000, 'the recall to be delivered');

      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const result = await t.cli('archive:export', s.unit, '--month', month);
      expect(result.code).toBe(0);
      const lines = result.out.map((l) => JSON.parse(l) as Record<string, unknown>);
      const about = (id: string) => lines.filter((l) => l.itemId === id).map((l) => l.type === 'disposition' ? `disposition:${l.disposition}` : String(l.type));
      expect(about(body.id)).toEqual(['disposition:override', 'item', 'recall']);
      const override = lines.find((l) => l.itemId === body.id && l.type === 'disposition')!;
      expect(override).toMatchObject({
        by: 'user:admin', level: 'admin', comment: '标志为示例文本，经保密办确认', fromState: 'blocked', toState: 'awaiting_filler', body: BLOCKED_BODY,
        scan: { verdict: 'block', hits: expect.arrayContaining([expect.objectContaining({ severity: 'block' })]) },
      });
      const recall = lines.find((l) => l.itemId === body.id && l.type === 'recall')!;
      expect(recall).toMatchObject({ by: `user:${s.users.chief}`, reason: '信息有误，撤稿', revision: 1, recalls: [{ channel: 'portal', revision: 1, status: 'delivered', releaseId: expect.stringMatching(/^msg_/) }] });
      expect((recall.audit as Array<{ toState: string | null }>).map((e) => e.toState)).toContain('recalled');
      expect(about(ids.referred)).toEqual([]);
      await t.http.post(`/api/v1/items/${ids.referred}/return`).set('Authorization', `Bearer ${tokens.admin}`).send({ comment: '可以公开' }).expect(200);
      const again = (await t.cli('archive:export', s.unit, '--month', month)).out.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(again.filter((l) => l.itemId === ids.referred).map((l) => [l.type, l.disposition, l.toState])).toEqual([['disposition', 'return', 'awaiting_filler']]);
      const manifest = again[again.length - 1];
      expect(manifest).toMatchObject({ type: 'manifest', recalls: 1 });
      expect(manifest.dispositions).toBeGreaterThanOrEqual(2);
    });
  });
});
