import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** `depth` arrays one inside the other around a value, as JSON text. */
const nested = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('input: refused with a 4xx that names the field and the reason, before anything reaches SQL', () => {
  let t: TestApp;
  let s: Seeded;
  let admin: string;
  let leader: string;

  beforeAll(async () => {
    t = await startTestApp({ OCR: 'off' });
    s = await seedUnit(t);
    admin = await login(t, s.users.admin);
    leader = await login(t, s.users.leader);
    const channel = await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/hook', '--secret', `whsec_${Buffer.alloc(32, 1).toString('base64')}`);
    expect(channel.code).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  const submit = (body: unknown) => t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(body as object);
  const raw = (method: 'post' | 'patch', path: string, body: string, contentType = 'application/json') =>
    t.http[method](path).set('X-Api-Key', s.apiKey).set('Authorization', `Bearer ${admin}`).set('Content-Type', contentType).send(body);

  it('refuses nesting deeper than 32 levels (and bodies of countless arrays) on every route, the unauthenticated login first of all', async () => {
    for (const depth of [33, 2_000, 100_000]) {
      const login = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(`{"username":${nested(depth)},"password":"x"}`).expect(400);
      expect(login.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the body is nested more than 32 levels' });
    }
    const objects = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    expect((await raw('post', '/api/v1/items', objects).expect(400)).body.message).toBe('the body is nested more than 32 levels');
    expect((await raw('post', '/api/v1/lexicon/terms', `{"term":"x","category":"c","severity":"review","note":"n","allow":${nested(40, '"x"')}}`).expect(400)).body.message).toMatch(/nested more than 32/);
    const wide = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(`{"username":[${Array(200_000).fill('[]').join(',')}],"password":"x"}`).expect(400);
    expect(wide.body.message).toBe('the body holds more than 10000 arrays and objects');
    // 32 levels are not refused for their depth: the field's own rule speaks.
    const deepButAllowed = await raw('post', '/api/v1/items', JSON.stringify({ ...itemBody(s.unit, 'deep-ok'), author: JSON.parse(nested(31)) })).expect(400);
    expect(deepButAllowed.body.field).toMatch(/^author/);
    expect(deepButAllowed.body.message).not.toMatch(/nested more than/);
    await t.http.get('/health').expect(200);
  });

  it('refuses NUL and lone surrogates in any string of the body, query or path, naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['title NUL', { title: '通知\u0000' }, 'title'],
      ['body high surrogate', { body: '正文\ud800' }, 'body'],
      ['body low surrogate', { body: '\udc00正文' }, 'body'],
      ['externalId', { externalId: 'x\u0000' }, 'externalId'],
      ['author', { author: { id: 'a', name: '张\udfff' } }, 'author.name'],
      ['attachment name', { attachments: [{ filename: 'a\ud83d.txt', data: 'QUJD' }] }, 'attachments[0].filename'],
      ['second channel', { channels: ['portal', 'x\u0000'] }, 'channels[1]'],
    ];
    for (const [what, override, field] of cases) {
      const response = await submit({ ...itemBody(s.unit, `bad-text-${what}`), ...override });
      expect([what, response.status, response.body.field]).toEqual([what, 400, field]);
      expect(response.body.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} (must not contain NUL|contains a lone UTF-16 surrogate)`));
    }
    // The multipart `item` part is the same JSON and the same rules.
    const multipart = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey)
      .field('item', JSON.stringify({ ...itemBody(s.unit, 'bad-text-mp'), title: '\ud800' })).attach('attachments', Buffer.from('附件'), { filename: 'a.txt' }).expect(400);
    expect(multipart.body.field).toBe('title');
    const key = await raw('post', '/api/v1/items', `{"ti\\u0000tle":"x"}`).expect(400);
    expect(key.body.message).toMatch(/^a field name in the body must not contain NUL/);

    const login = await t.http.post('/api/v1/auth/login').send({ username: 'admin\u0000', password: 'x' }).expect(400);
    expect(login.body.field).toBe('username');
    const comment = await t.http.post(`/api/v1/items/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/recall`).set('Authorization', `Bearer ${leader}`).send({ comment: '撤稿\u0000' }).expect(400);
    expect(comment.body.field).toBe('comment');
    const term = await t.http.post('/api/v1/lexicon/terms').set('Authorization', `Bearer ${admin}`).send({ term: '机\u0000密', category: 'c', severity: 'review', note: 'n' }).expect(400);
    expect(term.body.field).toBe('term');
    const allow = await t.http.post('/api/v1/lexicon/terms').set('Authorization', `Bearer ${admin}`).send({ term: '内参', category: 'c', severity: 'review', note: 'n', allow: ['ok', '\udc01'] }).expect(400);
    expect(allow.body.field).toBe('allow[1]');

    for (const path of ['/api/v1/lexicon/terms/abc%00', '/api/v1/channels/portal%00']) {
      const response = await t.http.patch(path).set('Authorization', `Bearer ${admin}`).send({ note: 'x' });
      const deleted = await t.http.delete(path).set('Authorization', `Bearer ${admin}`);
      for (const r of [response, deleted]) {
        if (r.status === 404 && r.body.message?.startsWith('Cannot')) continue; // PATCH /channels/:name is no route
        expect([path, r.status]).toEqual([path, 400]);
        expect(r.body.field).toMatch(/^:(id|name)$/);
      }
    }
    const itemPath = await t.http.get('/api/v1/items/%00').set('X-Api-Key', s.apiKey).expect(400);
    expect(itemPath.body).toMatchObject({ field: ':id' });
    // Invalid UTF-8 in a path cannot become a lone surrogate: the router refuses to decode it.
    expect((await t.http.get('/api/v1/items/%ED%A0%80').set('X-Api-Key', s.apiKey)).status).toBe(400);
    const query = await t.http.get('/api/v1/reports/summary?from=2026-01-01%00').set('Authorization', `Bearer ${leader}`).expect(400);
    expect(query.body.field).toBe('from');
    const download = await t.http.get('/api/v1/releases/x/attachments/0?signature=%00').expect(400);
    expect(download.body.field).toBe('signature');
  });

  it('stores and hashes text exactly as sent: a valid surrogate pair goes through unchanged', async () => {
    const title = '关于😀𠮷的通知';
    const submitted = await submit(itemBody(s.unit, 'pairs', { title, body: `正文 ${'\u{1F600}'} 𠮷野家` })).expect(202);
    const view = await waitForState(t, s.apiKey, submitted.body.id as string, 'awaiting_filler');
    expect(view.title).toBe(title);
    const again = await submit(itemBody(s.unit, 'pairs', { title, body: `正文 ${'\u{1F600}'} 𠮷野家` })).expect(200);
    expect(again.body.contentHash).toBe(submitted.body.contentHash);
  });

  it('answers 415 for a body that is not JSON, and multipart only where attachments are taken', async () => {
    const bodies: Array<[string, string]> = [
      ['text/plain', JSON.stringify(itemBody(s.unit, 'ct'))],
      ['application/x-www-form-urlencoded', 'externalId=ct&unit=u1'],
      ['application/xml', '<item><title>x</title></item>'],
      ['application/octet-stream', 'x'],
    ];
    for (const [type, body] of bodies) {
      for (const path of ['/api/v1/items', '/api/v1/auth/login', '/api/v1/lexicon/terms']) {
        const response = await raw('post', path, body, type);
        expect([path, type, response.status]).toEqual([path, type, 415]);
        expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
        expect(response.body.message).toContain(`got content-type ${type}`);
      }
    }
    const noType = await t.http.post('/api/v1/auth/login').set('Content-Type', '').send(Buffer.from('{"username":"a","password":"b"}')).expect(415);
    expect(noType.body.message).toMatch(/no content-type/);
    const multipartLogin = await t.http.post('/api/v1/auth/login').field('username', 'admin').field('password', 'x').expect(415);
    expect(multipartLogin.body.message).toBe('the body must be sent as application/json; got content-type multipart/form-data');
    const onItems = await raw('post', '/api/v1/items', 'x', 'text/plain').expect(415);
    expect(onItems.body.message).toMatch(/or multipart\/form-data/);
    // JSON with a charset, and multipart on the two attachment routes, are taken.
    await raw('post', '/api/v1/items', JSON.stringify(itemBody(s.unit, 'ct-ok')), 'application/json; charset=utf-8').expect(202);
    await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).field('item', JSON.stringify({ body: '草稿' })).attach('attachments', Buffer.from('附件'), { filename: 'a.txt' }).expect(200);
    // A request without a body needs no content type.
    await t.http.delete('/api/v1/items/00000000-0000-4000-8000-000000000000').set('X-Api-Key', s.apiKey).expect(404);
  });

  it('says "the body must be a JSON object" for an array, null, a number, a string, an empty or blank body', async () => {
    for (const body of ['[1,2]', '[]', 'null', '5', '"text"', 'true', '', '   ']) {
      for (const path of ['/api/v1/items', '/api/v1/auth/login', '/api/v1/scan']) {
        const response = await t.http.post(path).set('X-Api-Key', s.apiKey).set('Content-Type', 'application/json').send(body);
        expect([path, body, response.status, response.body.message]).toEqual([path, body, 400, 'the body must be a JSON object']);
      }
    }
    const noBody = await t.http.post('/api/v1/auth/login').expect(400);
    expect(noBody.body.message).toBe('the body must be a JSON object');
    const multipart = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).field('item', '[1]').attach('attachments', Buffer.from('x'), { filename: 'a.txt' }).expect(422);
    expect(multipart.body.field).toBe('item');
    expect((await raw('post', '/api/v1/items', '{"title": }').expect(400)).body.message).toBe('request body is not valid JSON');
  });

  it('refuses unknown fields naming them, also inside author and attachments, in JSON and multipart', async () => {
    const { callbackUrl: _unused, ...withoutCallback } = { ...itemBody(s.unit, 'typo'), callbackUrl: undefined };
    const typo = await submit({ ...withoutCallback, callbackURL: 'http://127.0.0.1:9/cb' }).expect(400);
    expect(typo.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field: 'callbackURL' });
    expect(typo.body.message).toBe('callbackURL is not a field of this request (names are case-sensitive)');
    expect((await submit({ ...itemBody(s.unit, 'typo'), author: { id: 'a', name: 'b', mail: 'x' } }).expect(400)).body.field).toBe('author.mail');
    const attachment = await submit({ ...itemBody(s.unit, 'typo'), attachments: [{ filename: 'a.txt', data: 'QUJD', sha256: 'x' }] }).expect(400);
    expect(attachment.body.message).toMatch(/^attachments\[0\]\.sha256 is not a field of an attachment/);
    const multipart = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey)
      .field('item', JSON.stringify({ ...itemBody(s.unit, 'typo-mp'), Title: 'x' })).attach('attachments', Buffer.from('附件'), { filename: 'a.txt' }).expect(400);
    expect(multipart.body.field).toBe('Title');
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'a', password: 'b', remember: true }).expect(400);
    expect(login.body.field).toBe('remember');
    const query = await t.http.get('/api/v1/reviews/queue?limit=5&offset=10').set('Authorization', `Bearer ${leader}`).expect(400);
    expect(query.body.field).toBe('offset');
  });

  it('gives one message per bad field: a missing field is "required", not every rule it breaks', async () => {
    const { title: _t, channels: _c, ...rest } = itemBody(s.unit, 'one-message');
    const response = await submit({ ...rest, format: 'pdf' }).expect(400);
    expect(response.body.fields).toEqual([
      { field: 'title', reason: 'title is required' },
      { field: 'format', reason: expect.stringMatching(/^format must be one of/) },
      { field: 'channels', reason: 'channels is required' },
    ]);
    expect(response.body.message).toBe(response.body.fields.map((f: { reason: string }) => f.reason).join('; '));
    expect(response.body.field).toBe('title');
    const wrongType = await submit({ ...itemBody(s.unit, 'one-message'), title: 42 }).expect(400);
    expect(wrongType.body.fields).toHaveLength(1);
    expect(wrongType.body.fields[0].field).toBe('title');
  });

  it('refuses duplicate channels and a blank title or body with 422 naming the field', async () => {
    const duplicate = await submit(itemBody(s.unit, 'dup', { channels: ['portal', 'portal'] })).expect(422);
    expect(duplicate.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', field: 'channels' });
    expect(duplicate.body.message).toMatch(/portal/);
    for (const [field, value] of [['body', '   \n\t  '], ['body', '\u3000\u3000'], ['title', '  ']] as const) {
      const blank = await submit(itemBody(s.unit, `blank-${field}`, { [field]: value })).expect(422);
      expect(blank.body).toMatchObject({ field, message: `${field} must not be blank: it holds only whitespace` });
    }
  });

  it('range-checks report periods and queue cursors with 400', async () => {
    const report = (query: string) => t.http.get(`/api/v1/reports/summary?${query}`).set('Authorization', `Bearer ${leader}`);
    for (const query of ['from=0001-01-01&to=0001-12-31', 'from=1999-12-31&to=2000-01-02', 'from=0001-01-01T00:00:00Z&to=0001-02-01T00:00:00Z', 'to=0001-01-08']) {
      const response = await report(query).expect(400);
      expect(response.body.message).toMatch(/must lie between 2000-01-01 and 9999-12-31/);
      expect(['from', 'to']).toContain(response.body.field);
    }
    // Years past 9999 are not dates of the form at all.
    expect((await report('from=275760-09-12&to=275760-09-13').expect(400)).body.field).toBe('from');
    await report('from=2026-01-01&to=2026-01-31').expect(200);
    await report('from=9999-12-01&to=9999-12-31').expect(200);

    const queue = (cursor: string) => t.http.get(`/api/v1/reviews/queue?cursor=${encodeURIComponent(cursor)}`).set('Authorization', `Bearer ${leader}`);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const cursor of [cursorOf({ at: '+275760-09-13T00:00:00.000Z', id }), cursorOf({ at: '0001-01-01T00:00:00Z', id }), cursorOf({ at: '2026-01-01T00:00:00Z', id: "x' or 1=1" }), cursorOf([1]), 'not a cursor', cursorOf({ at: '2026-01-01T00:00:00Z', id: 5 })]) {
      const response = await queue(cursor).expect(400);
      expect(response.body).toMatchObject({ field: 'cursor', message: 'cursor is not a cursor this service returned' });
    }
    await queue(cursorOf({ at: '2026-01-01T00:00:00.000Z', id })).expect(200);
    for (const limit of ['0', '201', '1e309', '-1', 'abc', '5.5']) expect((await t.http.get(`/api/v1/reviews/queue?limit=${limit}`).set('Authorization', `Bearer ${leader}`).expect(400)).body.field).toBe('limit');
  });
});
