import { LookupAddress } from 'node:dns';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { loadConfig } from '../../src/config/env.schema';
import { OutboundPolicy } from '../../src/publishing/outbound/outbound-policy';
import { parseIp } from '../../src/publishing/outbound/ip-address';
import { WebhookSender } from '../../src/publishing/webhook-sender';
import { captureLogs, LoopbackEndpoint } from './support';

/**
 * SSRF: what a unit administrator or a CMS supplies is resolved and checked when it is added and again on
 * every connection; what the operator registers is trusted. Nothing here connects anywhere but 127.0.0.1:
 * refused addresses are refused before any socket is opened.
 */
describe('outbound requests (no SSRF through channels and callbacks)', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  /** A CMS registered for exactly one origin, its receiver's: trusted as given. */
  let exact: Seeded;
  let cms: WebhookReceiver;
  const endpoints: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    // No network allowed beyond the public ones: the production default.
    t = await startTestApp({ OUTBOUND_ALLOW: '', DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '2000', DELIVERY_MAX_ATTEMPTS: '3' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    // Callback signatures are the release suite's concern; this receiver records where callbacks land.
    cms = await WebhookReceiver.start(newSecret());
    endpoints.push(cms);
    const added = await t.cli('client:add', 'cms-exact', '--unit', s.unit, '--callback-origin', new URL(cms.url).origin);
    expect(added.code).toBe(0);
    exact = { ...s, client: 'cms-exact', apiKey: added.out[added.out.length - 1] };
  });
  afterAll(async () => {
    await Promise.all(endpoints.map((e) => e.close()));
    await t?.close();
  });

  const asAdmin = () => ({
    add: (body: object) => t.http.post('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).send(body),
  });
  const receiver = async (secret: string, respond?: (r: unknown, i: number) => number) => {
    const r = await WebhookReceiver.start(secret, respond);
    endpoints.push(r);
    return r;
  };
  const endpoint = async (...args: Parameters<typeof LoopbackEndpoint.start>) => {
    const e = await LoopbackEndpoint.start(...args);
    endpoints.push(e);
    return e;
  };

  it.each([
    ['Redis on loopback', 'http://127.0.0.1:6379/'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['PostgreSQL on IPv6 loopback', 'http://[::1]:5432/'],
    ['the metadata name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['loopback as one decimal number', 'http://2130706433/'],
    ['loopback in hex', 'http://0x7f000001/'],
    ['loopback shortened', 'http://127.1/'],
    ['loopback in octal', 'http://0177.0.0.1/'],
    ['a private 10/8 address', 'http://10.0.0.8/hook'],
    ['a private 172.16/12 address', 'http://172.16.5.4/hook'],
    ['a private 192.168/16 address', 'http://192.168.1.1/hook'],
    ['a CGNAT address', 'http://100.64.0.1/hook'],
    ['a multicast address', 'http://224.0.0.1/hook'],
    ['the unspecified address', 'http://0.0.0.0:3000/'],
    ['the IPv6 unspecified address', 'http://[::]:3000/'],
    ['an IPv6 link-local address', 'http://[fe80::1]/'],
    ['an IPv6 unique-local address', 'http://[fd12:3456::1]/'],
    ['loopback mapped into IPv6', 'http://[::ffff:127.0.0.1]:6379/'],
    ['a name that resolves to loopback', 'http://localhost:6379/'],
  ])('refuses a unit admin\'s channel at %s (%s) with 422 on url, and stores nothing', async (_what, url) => {
    const name = `bad-${Math.random().toString(36).slice(2, 10)}`;
    const refused = await asAdmin().add({ name, url }).expect(422);
    expect(refused.body).toMatchObject({ statusCode: 422, field: 'url', message: expect.stringMatching(/refused/) });
    const listed = await t.http.get('/api/v1/channels').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    expect(listed.body.channels.map((c: { name: string }) => c.name)).not.toContain(name);
  });

  it('refuses credentials in a channel URL, from an admin and from the operator alike', async () => {
    const api = await asAdmin().add({ name: 'cred-api', url: 'https://user:pass@portal.example.gov.cn/hook' }).expect(422);
    expect(api.body).toMatchObject({ field: 'url', message: expect.stringMatching(/credentials/) });
    const cli = await t.cli('channel:add', 'cred-cli', '--url', 'https://user:pass@portal.example.gov.cn/hook');
    expect(cli.code).toBe(2);
    expect(cli.err.join('\n')).toMatch(/credentials/);
  });

  it('sends to a channel the operator registered as given, loopback included', async () => {
    const secret = newSecret();
    const operators = await receiver(secret);
    const added = await t.cli('channel:add', 'portal', '--url', operators.url, '--secret', secret);
    expect(added.code).toBe(0);
    const id = await submitAndApprove(t, s, tokens, 'trusted-1');
    await waitForState(t, s.apiKey, id, 'published');
    expect(operators.received.map((r) => r.verified)).toEqual([true]);
  });

  it('checks a unit admin\'s channel again at send time, and fails it for good without connecting', async () => {
    const secret = newSecret();
    const rebound = await receiver(secret);
    // An admin's channel whose host resolved to a public address when it was added and to loopback now.
    expect((await t.cli('channel:add', 'u1-rebound', '--url', rebound.url, '--secret', secret, '--unit', s.unit)).code).toBe(0);
    await t.orm.em.fork().getConnection().execute('update channels set trusted = ? where name = ?', [false, 'u1-rebound']);
    const id = await submitAndApprove(t, exact, tokens, 'rebound-1', { channels: ['u1-rebound'], callbackUrl: cms.url });
    const failed = await waitFor(async () => (await deliveriesOf(t, exact.apiKey, id)).find((d) => d.kind === 'release' && d.status === 'failed'), 30_000, 'the release to fail');
    expect(failed.attemptCount).toBe(1);
    expect(failed.lastError).toMatch(/^not sent: refused by the outbound policy \(127\.0\.0\.1 is a loopback address\)$/);
    expect(rebound.received).toEqual([]);
    const event = await waitFor(async () => cms.events().find((e) => e.itemId === id && e.event === 'item.delivery_failed'), 30_000, 'the delivery_failed callback');
    expect(event).toMatchObject({ channel: 'u1-rebound', lastStatusCode: null });
  });

  it('refuses a CMS callbackUrl on a port of a host:* origin that resolves to a refused address', async () => {
    const refused = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'cb-redis', { callbackUrl: 'http://127.0.0.1:6379/' })).expect(422);
    expect(refused.body).toMatchObject({ field: 'callbackUrl', message: expect.stringMatching(/refused: 127\.0\.0\.1 is a loopback address/) });
  });

  it('calls a CMS back at an exact origin the operator registered, as given, and nowhere else on that host', async () => {
    await t.http.post('/api/v1/items').set('X-Api-Key', exact.apiKey).send(itemBody(s.unit, 'cb-other-port', { callbackUrl: 'http://127.0.0.1:6379/' })).expect(422);
    const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', exact.apiKey).send(itemBody(s.unit, 'cb-exact', { callbackUrl: cms.url, body: '机密★10年\n关于某项工作的通知' })).expect(202);
    expect(await waitFor(async () => cms.events().find((e) => e.itemId === body.id), 30_000, 'the blocked callback')).toMatchObject({ event: 'item.blocked' });
  });

  it('keeps what a channel answered from reviewers and the CMS: status code and reason phrase only', async () => {
    const leak = 'stack: Error at /srv/portal/app.js; redis://:hunter2@10.9.8.7:6379 said NOAUTH';
    const refusing = await endpoint(() => ({ status: 400, body: `${leak}\n${'x'.repeat(5000)}` }));
    expect((await t.cli('channel:add', 'refusing', '--url', refusing.url(), '--secret', newSecret())).code).toBe(0);
    const id = await submitAndApprove(t, exact, tokens, 'answer-1', { channels: ['refusing'], callbackUrl: cms.url });
    const failed = await waitFor(async () => (await deliveriesOf(t, exact.apiKey, id)).find((d) => d.kind === 'release' && d.status === 'failed'), 30_000, 'the release to fail');
    expect(failed.lastError).toBe('HTTP 400 Bad Request');
    expect(failed.attempts.map((a) => a.error)).toEqual(['HTTP 400 Bad Request']);
    const event = await waitFor(async () => cms.events().find((e) => e.itemId === id && e.event === 'item.delivery_failed'), 30_000, 'the delivery_failed callback');
    expect(event).toMatchObject({ lastStatusCode: 400, lastError: 'HTTP 400 Bad Request' });
    const asReviewer = await t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${tokens.chief}`).expect(200);
    for (const seen of [JSON.stringify(asReviewer.body), JSON.stringify(await deliveriesOf(t, exact.apiKey, id)), JSON.stringify(cms.events())]) {
      expect(seen).not.toContain('hunter2');
      expect(seen).not.toContain('10.9.8.7');
    }
  });
});

describe('the outbound policy and the sender, against the address actually connected to', () => {
  const config = loadConfig({ NODE_ENV: 'test', DELIVERY_TIMEOUT_MS: '2000' });
  const endpoints: LoopbackEndpoint[] = [];
  afterAll(() => Promise.all(endpoints.map((e) => e.close())));
  const endpoint = async (...args: Parameters<typeof LoopbackEndpoint.start>) => {
    const e = await LoopbackEndpoint.start(...args);
    endpoints.push(e);
    return e;
  };
  /** A resolver answering from a table, changing its answer after each call when given a list: DNS rebinding. */
  const resolverOf = (table: Record<string, string[][]>) => {
    const calls: Record<string, number> = {};
    return async (host: string): Promise<LookupAddress[]> => {
      const answers = table[host];
      if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      const n = (calls[host] = (calls[host] ?? 0) + 1);
      return answers[Math.min(n, answers.length) - 1].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  };
  const request = (url: string) => ({ url, id: 'msg_test', body: '{"event":"test"}', secrets: [`whsec_${Buffer.alloc(32, 7).toString('base64')}`], outbound: 'checked' as const });

  it('connects to the address it checked: the host name goes in the Host header, the socket to the checked IP', async () => {
    const target = await endpoint();
    const sut = new WebhookSender(config, new OutboundPolicy(['127.0.0.1/32'], resolverOf({ 'cms.example.invalid': [['127.0.0.1']] })));
    const result = await sut.send(request(`http://cms.example.invalid:${target.port}/hook?x=1`));
    expect(result).toMatchObject({ statusCode: 200, error: null });
    expect(target.heard).toEqual([expect.objectContaining({ method: 'POST', url: '/hook?x=1', headers: expect.objectContaining({ host: `cms.example.invalid:${target.port}`, 'webhook-id': 'msg_test' }) })]);
    sut.onModuleDestroy();
  });

  it('refuses at send time what was admitted at add time once the name resolves elsewhere (DNS rebinding)', async () => {
    const target = await endpoint();
    const policy = new OutboundPolicy(['127.0.0.1/32'], resolverOf({ 'rebind.example.invalid': [['127.0.0.1'], ['127.0.0.2']] }));
    await expect(policy.assertAllowed(`http://rebind.example.invalid:${target.port}/`, 'url')).resolves.toBeUndefined();
    const sut = new WebhookSender(config, policy);
    const result = await sut.send(request(`http://rebind.example.invalid:${target.port}/`));
    expect(result).toMatchObject({ statusCode: null, final: true, error: expect.stringMatching(/^not sent: refused by the outbound policy \(the host resolves to a loopback address\)/) });
    expect(target.heard).toEqual([]);
    sut.onModuleDestroy();
  });

  it('refuses a host when any one of its addresses is refused', async () => {
    const policy = new OutboundPolicy(['127.0.0.1/32'], resolverOf({ 'mixed.example.invalid': [['127.0.0.1', '10.1.2.3']] }));
    await expect(policy.assertAllowed('http://mixed.example.invalid/', 'url')).rejects.toThrow(/resolves to a private address/);
    await expect(policy.assertAllowed('http://nowhere.example.invalid/', 'callbackUrl')).rejects.toMatchObject({ kind: 'unprocessable', field: 'callbackUrl', message: expect.stringMatching(/does not resolve/) });
  });

  it('admits the networks OUTBOUND_ALLOW names, and only those', () => {
    const sut = new OutboundPolicy(['10.20.0.0/16', 'fd00:1::/32']);
    const refusal = (ip: string) => sut.refusalOfAddress(parseIp(ip)!);
    expect(refusal('10.20.3.4')).toBeNull();
    expect(refusal('::ffff:10.20.3.4')).toBeNull();
    expect(refusal('fd00:1:2::3')).toBeNull();
    expect(refusal('10.21.0.1')).toBe('private');
    expect(refusal('fd00:2::1')).toBe('private (unique local)');
    expect(refusal('127.0.0.1')).toBe('loopback');
    expect(refusal('64:ff9b::a9fe:a9fe')).toBe('link-local');
    expect(refusal('2002:7f00:1::1')).toBe('loopback');
    expect(refusal('203.0.113.9')).toBeNull();
    expect(refusal('2001:db8::1')).toBeNull();
  });

  it('never follows a redirect: a 3xx is the answer, and its target hears nothing', async () => {
    const elsewhere = await endpoint();
    const redirecting = await endpoint(() => ({ status: 307, headers: { location: elsewhere.url('/stolen') } }));
    const sut = new WebhookSender(config, new OutboundPolicy(['127.0.0.0/8']));
    const result = await sut.send({ ...request(redirecting.url()), outbound: 'trusted' });
    expect(result).toMatchObject({ statusCode: 307, error: 'HTTP 307 Temporary Redirect' });
    expect(elsewhere.heard).toEqual([]);
    sut.onModuleDestroy();
  });

  it('logs what a channel answered for the operator, trimmed to one line', async () => {
    const logs = captureLogs();
    const talkative = await endpoint(() => ({ status: 502, body: `upstream\r\nfake-log-line: ok\u0000${'y'.repeat(10_000)}` }));
    const sut = new WebhookSender(config, new OutboundPolicy(['127.0.0.0/8']));
    const result = await sut.send(request(talkative.url()));
    expect(result).toMatchObject({ statusCode: 502, error: 'HTTP 502 Bad Gateway' });
    const line = logs.lines().map((l) => JSON.parse(l) as { msg: string }).find((l) => l.msg.includes('msg_test'));
    expect(line?.msg).toMatch(/^webhook msg_test to http:\/\/127\.0\.0\.1:\d+ answered HTTP 502: "upstream fake-log-line: ok y+…"$/);
    expect(line!.msg.length).toBeLessThan(320);
    sut.onModuleDestroy();
  });
});
