import { WebhookReceiver } from '../publishing/webhook-receiver';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

describe('CMS clients scoped to their units and callback origins', () => {
  let t: TestApp;
  let s: Seeded;
  let other: Seeded;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    other = await seedUnit(t, 'u2', '-2');
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  const sql = (query: string, params: unknown[] = []) => t.orm.em.fork().getConnection().execute(query, params);
  const itemsNamed = async (externalId: string) => Number((await sql('select count(*) as n from items where external_id = ?', [externalId]))[0].n);
  const submit = (apiKey: string, unit: string, externalId: string, overrides = {}) =>
    t.http.post('/api/v1/items').set('X-Api-Key', apiKey).send(itemBody(unit, externalId, overrides));
  /** Registers a client through the CLI and returns its API key (the last line printed). */
  const addClient = async (name: string, ...options: string[]) => {
    const result = await t.cli('client:add', name, ...options);
    expect(result).toMatchObject({ code: 0 });
    return result.out[result.out.length - 1];
  };
  const receiver = async (secret: string) => {
    const r = await WebhookReceiver.start(secret);
    receivers.push(r);
    return r;
  };

  it('refuses a unit the client is not registered for with 403 on unit, and stores nothing', async () => {
    const refused = await submit(s.apiKey, other.unit, 'scope-1').expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden', field: 'unit' });
    expect(refused.body.message).toContain(`client:update ${s.client} --unit ${other.unit}`);
    expect(await itemsNamed('scope-1')).toBe(0);
    // A unit that does not exist at all stays a 422, as before.
    expect((await submit(s.apiKey, 'nope', 'scope-1').expect(422)).body).toMatchObject({ field: 'unit' });
    await submit(other.apiKey, other.unit, 'scope-1').expect(202);
  });

  it('lets a client registered for several units submit for each, and client:update changes that at once', async () => {
    const key = await addClient('cms-both', '--unit', s.unit, '--unit', other.unit);
    await submit(key, s.unit, 'both-1').expect(202);
    await submit(key, other.unit, 'both-2').expect(202);

    const updated = await t.cli('client:update', 'cms-both', '--unit', other.unit);
    expect(updated.code).toBe(0);
    expect(updated.out.join('\n')).toMatch(/units: u2;/);
    expect((await submit(key, s.unit, 'both-3').expect(403)).body.field).toBe('unit');
    // A new revision of an existing item for a unit no longer registered is refused too.
    await submit(key, s.unit, 'both-1', { body: '各科室：内容已更新。' }).expect(403);
    await submit(key, other.unit, 'both-4').expect(202);
  });

  it('still shows a client only its own items, even within a unit it shares', async () => {
    const key = await addClient('cms-shared', '--unit', s.unit);
    const { body } = await submit(s.apiKey, s.unit, 'own-1').expect(202);
    await t.http.get(`/api/v1/items/${body.id}`).set('X-Api-Key', key).expect(404);
    await t.http.delete(`/api/v1/items/${body.id}`).set('X-Api-Key', key).expect(404);
    await t.http.get(`/api/v1/items/${body.id}`).set('X-Api-Key', s.apiKey).expect(200);
  });

  it('refuses a callbackUrl at an unregistered origin with 422 on callbackUrl, and never calls it', async () => {
    const intranet = await receiver(s.callbackSecret);
    const key = await addClient('cms-public', '--unit', s.unit, '--callback-origin', 'https://cms.example.gov.cn');
    const refused = await submit(key, s.unit, 'ssrf-1', { callbackUrl: intranet.url, body: '机密★10年\n关于某项工作的通知' }).expect(422);
    expect(refused.body).toEqual({
      statusCode: 422, error: 'Unprocessable Entity', field: 'callbackUrl',
      message: expect.stringContaining(`client:update cms-public --callback-origin ${new URL(intranet.url).origin}`),
    });
    expect(await itemsNamed('ssrf-1')).toBe(0);
    // The same host on another scheme or port is another origin.
    await submit(key, s.unit, 'ssrf-2', { callbackUrl: 'http://cms.example.gov.cn/cb' }).expect(422);
    await submit(key, s.unit, 'ssrf-3', { callbackUrl: 'https://cms.example.gov.cn:8443/cb' }).expect(422);
    await submit(key, s.unit, 'ssrf-4', { callbackUrl: 'https://cms.example.gov.cn/cb?item=4' }).expect(202);
    expect(intranet.received).toEqual([]);
  });

  it('refuses credentials in callbackUrl even at a registered origin', async () => {
    const refused = await submit(s.apiKey, s.unit, 'cred-1', { callbackUrl: 'http://admin:secret@127.0.0.1:8080/cb' }).expect(422);
    expect(refused.body).toMatchObject({ statusCode: 422, field: 'callbackUrl', message: expect.stringMatching(/credentials/) });
    expect(await itemsNamed('cred-1')).toBe(0);
  });

  it('refuses every callbackUrl of a client with no registered origin, and accepts its items without one', async () => {
    const key = await addClient('cms-quiet', '--unit', s.unit);
    const refused = await submit(key, s.unit, 'quiet-1', { callbackUrl: 'http://127.0.0.1:8080/cb' }).expect(422);
    expect(refused.body).toMatchObject({ field: 'callbackUrl', message: expect.stringMatching(/no registered callback origin/) });
    await submit(key, s.unit, 'quiet-1').expect(202);
  });

  it('keeps the stored callbackUrl when a new revision names a refused one', async () => {
    const cms = await receiver(s.callbackSecret);
    const first = await submit(s.apiKey, s.unit, 'rev-cb-1', { callbackUrl: cms.url }).expect(202);
    await submit(s.apiKey, s.unit, 'rev-cb-1', { body: '各科室：内容已更新。', callbackUrl: 'http://10.1.2.3/cb' }).expect(422);
    const [row] = await sql('select callback_url, revision from items where id = ?', [first.body.id]);
    expect(row).toMatchObject({ callback_url: cms.url, revision: 1 });
  });

  it('calls back a client registered for an exact origin there, and client:update --no-callback-origins stops new ones', async () => {
    // Signatures are the release spec's concern; this receiver only records where callbacks land.
    const cms = await receiver(s.callbackSecret);
    const origin = new URL(cms.url).origin;
    const added = await t.cli('client:add', 'cms-exact', '--unit', s.unit, '--callback-origin', `${origin}/`);
    expect(added.code).toBe(0);
    expect(added.out[0]).toContain(`callback origins: ${origin}`);
    const key = added.out[added.out.length - 1];
    await submit(key, s.unit, 'exact-0', { callbackUrl: 'http://127.0.0.1:9/hook' }).expect(422);

    const { body } = await submit(key, s.unit, 'exact-1', { callbackUrl: cms.url, body: '机密★10年\n关于某项工作的通知' }).expect(202);
    await waitForState(t, key, body.id, 'blocked');
    const event = await waitFor(async () => cms.events().find((e) => e.itemId === body.id), 30_000, 'the blocked callback');
    expect(event).toMatchObject({ event: 'item.blocked', externalId: 'exact-1' });

    // An item accepted while the origin was registered, waiting for 初审 (no callback yet)...
    const pending = await submit(key, s.unit, 'exact-3', { callbackUrl: cms.url }).expect(202);
    await waitForState(t, key, pending.body.id, 'awaiting_filler');
    expect((await t.cli('client:update', 'cms-exact', '--no-callback-origins')).code).toBe(0);
    await submit(key, s.unit, 'exact-2', { callbackUrl: cms.url }).expect(422);

    // ...is not called back once the operator has withdrawn the origin: the worker checks again before it sends.
    const filler = await login(t, s.users.filler);
    await t.http.post(`/api/v1/items/${pending.body.id}/decisions`).set('Authorization', `Bearer ${filler}`).send({ decision: 'reject', revision: 1, comment: '请补充发布依据' }).expect(200);
    const [callback] = await waitFor(async () => {
      const rows = await sql("select status, last_error from deliveries where item_id = ? and kind = 'callback'", [pending.body.id]);
      return rows.length && rows[0].status !== 'pending' ? rows : undefined;
    }, 30_000, 'the rejected callback to be settled');
    expect(callback.status).toBe('failed');
    expect(callback.last_error).toContain('no longer registered for API client cms-exact');
    expect(cms.events().filter((e) => e.itemId === pending.body.id)).toEqual([]);
  });

  it('answers bad client registrations on the CLI with exit 2 and a reason, and lists clients without secrets', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['client:add', 'cms-x'], /at least one --unit/],
      [['client:add', 'cms-x', '--unit', 'nope'], /nope do not exist/],
      [['client:add', 'cms-x', '--unit', s.unit, '--callback-origin', 'https://cms.example.gov.cn/callbacks'], /path, query or fragment/],
      [['client:add', 'cms-x', '--unit', s.unit, '--callback-origin', 'https://u:p@cms.example.gov.cn'], /credentials/],
      [['client:add', s.client, '--unit', s.unit], /exists already/],
      [['client:update', 'cms-nobody', '--unit', s.unit], /does not exist/],
      [['client:update', s.client], /nothing to change/],
      [['client:update', s.client, '--callback-origin', 'http://127.0.0.1:*', '--no-callback-origins'], /contradict/],
      [['client:update', s.client, '--no-callback-origins=yes'], /takes no value/],
    ];
    for (const [argv, reason] of cases) {
      const result = await t.cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.err.join('\n')).toMatch(reason);
    }
    const [client] = await sql('select count(*) as n from api_clients where name = ?', ['cms-x']);
    expect(Number(client.n)).toBe(0);

    const list = await t.cli('client:list');
    expect(list.code).toBe(0);
    expect(list.out).toContain(`${s.client}: units: ${s.unit}; callback origins: http://127.0.0.1:*`);
    expect(list.out.join('\n')).not.toMatch(/whsec_|clk_/);
    const audit = await t.cli('audit:verify');
    expect(audit.code).toBe(0);
    const actions = await sql("select action from audit_events where action like 'client.%' order by seq");
    expect(actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['client.added', 'client.updated']));
  });
});
