import { itemBody, seedUnit, Seeded, SubmitBody } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { asJson, hashWithoutAttachments, JsonAttachment, sha256 } from './attachment-files';

const KIB = 1024;

/** Intake only: the api role alone, so nothing is scanned while the submissions are checked. */
describe('attachments: intake as JSON base64 and as multipart, limits and the content hash', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api', ATTACHMENT_MAX_BYTES: String(64 * KIB), ATTACHMENT_MAX_COUNT: '3', ATTACHMENT_MAX_TOTAL_BYTES: String(100 * KIB) });
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
  });
  afterAll(() => t?.close());

  const notice = Buffer.from('附件：2026年政务公开工作安排。联系电话：0817-2222222。', 'utf8');
  const submitJson = (externalId: string, attachments?: unknown, overrides: Partial<SubmitBody> = {}) =>
    t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, externalId, overrides), ...(attachments === undefined ? {} : { attachments }) });
  const submitMultipart = (externalId: string, files: Array<{ name: string; bytes: Buffer; type?: string; field?: string }>, item: object = itemBody(s.unit, externalId)) => {
    let request = t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).field('item', JSON.stringify(item));
    for (const f of files) request = request.attach(f.field ?? 'attachments', f.bytes, { filename: f.name, contentType: f.type ?? 'application/octet-stream' });
    return request;
  };
  const count = async (table: string) => Number((await t.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`))[0].n);
  const attachmentsOf = (id: string) =>
    t.orm.em.fork().getConnection().execute(
      'select a.position, a.filename, a.content_type, a.size, a.sha256 from revision_attachments a join revisions r on r.id = a.revision_id join items i on i.id = r.item_id and r.number = i.revision where i.id = ? order by a.position',
      [id],
    );

  it('takes a text attachment as JSON base64 and as multipart, stores it once, and gives both the same content hash', async () => {
    const json = await submitJson('same-1', [asJson('通知.txt', notice, 'text/plain')]).expect(202);
    const multipart = await submitMultipart('same-2', [{ name: '通知.txt', bytes: notice, type: 'text/plain' }]).expect(202);
    expect(multipart.body.contentHash).toBe(json.body.contentHash);
    expect(json.body.contentHash).not.toBe(hashWithoutAttachments(itemBody(s.unit, 'same-1')));

    for (const id of [json.body.id, multipart.body.id]) {
      expect(await attachmentsOf(id)).toEqual([{ position: 0, filename: '通知.txt', content_type: 'text/plain', size: notice.length, sha256: sha256(notice) }]);
    }
    // Content-addressed: the same bytes are one blob however many revisions carry them.
    expect(await count('blobs')).toBe(1);
    const view = await t.http.get(`/api/v1/items/${json.body.id}`).set('X-Api-Key', s.apiKey).expect(200);
    expect(view.body.attachments).toEqual([{ index: 0, filename: '通知.txt', contentType: 'text/plain', size: notice.length, sha256: sha256(notice), verdict: null, coverage: null }]);
  });

  it('refuses data that is not strict base64 with 422 naming attachments[i].data, and stores nothing', async () => {
    const before = await count('revisions');
    const good = asJson('a.txt', notice);
    for (const [data, index] of [['QUJD\nREVG', 0], ['QUJDRA', 0], ['QR==', 0], ['QUJD*A==', 0], ['QUJDRA==', 1]] as const) {
      const attachments: JsonAttachment[] = index === 0 ? [{ filename: 'a.txt', data }] : [good, { filename: 'b.txt', data: `${data}=` }];
      const response = await submitJson('b64', attachments).expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, field: `attachments[${index}].data` });
      expect(response.body.message).toMatch(/base64/);
    }
    expect(await count('revisions')).toBe(before);
  });

  it('refuses too many attachments with 422 and too large ones with 413, naming the field and the limit, in JSON and in multipart', async () => {
    const before = await count('revisions');
    const small = (n: number) => Buffer.alloc(n, 0x61);
    const tooMany = await submitJson('limits', [1, 2, 3, 4].map((i) => asJson(`${i}.txt`, small(10)))).expect(422);
    expect(tooMany.body).toMatchObject({ field: 'attachments' });
    expect(tooMany.body.message).toMatch(/at most 3 attachments .*ATTACHMENT_MAX_COUNT/);
    const tooLarge = await submitJson('limits', [asJson('a.txt', small(10)), asJson('b.txt', small(64 * KIB + 1))]).expect(413);
    expect(tooLarge.body).toMatchObject({ field: 'attachments[1]' });
    expect(tooLarge.body.message).toMatch(new RegExp(`limit of ${64 * KIB} bytes .*ATTACHMENT_MAX_BYTES`));
    const tooMuch = await submitJson('limits', [asJson('a.txt', small(60 * KIB)), asJson('b.txt', small(60 * KIB))]).expect(413);
    expect(tooMuch.body).toMatchObject({ field: 'attachments' });
    expect(tooMuch.body.message).toMatch(new RegExp(`limit of ${100 * KIB} bytes .*ATTACHMENT_MAX_TOTAL_BYTES`));

    const parts = (sizes: number[]) => sizes.map((n, i) => ({ name: `${i}.txt`, bytes: small(n) }));
    const manyParts = await submitMultipart('limits', parts([10, 10, 10, 10])).expect(422);
    expect(manyParts.body).toMatchObject({ field: 'attachments' });
    expect(manyParts.body.message).toMatch(/ATTACHMENT_MAX_COUNT/);
    const largePart = await submitMultipart('limits', parts([10, 10, 64 * KIB + 1])).expect(413);
    expect(largePart.body).toMatchObject({ field: 'attachments[2]' });
    expect(largePart.body.message).toMatch(/ATTACHMENT_MAX_BYTES/);
    const muchParts = await submitMultipart('limits', parts([50 * KIB, 50 * KIB, 10])).expect(413);
    expect(muchParts.body).toMatchObject({ field: 'attachments' });
    expect(muchParts.body.message).toMatch(/ATTACHMENT_MAX_TOTAL_BYTES/);

    // The draft scan takes attachments through the same intake and the same limits.
    const draft = await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ body: '草稿', attachments: [asJson('b.txt', small(64 * KIB + 1))] }).expect(413);
    expect(draft.body).toMatchObject({ field: 'attachments[0]' });
    expect(await count('revisions')).toBe(before);
  });

  it('raises the JSON body limit only where attachments are accepted, and only by what they need', async () => {
    // Over the 8 MB every other route takes, under the attachment routes' limit: the intake, not the parser, refuses it.
    const nineMb = 'x'.repeat(8 * 1024 * 1024 + 100);
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: nineMb }).expect(413);
    expect(login.body.field).toBeUndefined();
    // The parser took it, so the validation speaks: padding is no field of an item.
    const withPadding = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, 'big-body-2'), padding: nineMb }).expect(400);
    expect(withPadding.body.field).toBe('padding');
    // Past 8 MB plus the attachments' own room in base64: refused by the parser, naming the attachments' limits.
    const tooBig = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, 'big-body-3'), padding: nineMb + 'x'.repeat(200 * KIB) }).expect(413);
    expect(tooBig.body).toMatchObject({ field: 'attachments' });
    expect(tooBig.body.message).toMatch(/ATTACHMENT_MAX_TOTAL_BYTES/);
  });

  it('keeps the base name of a path, refuses control characters and bad shapes with 422 naming the field', async () => {
    const pathed = await submitJson('names-1', [asJson('C:\\fakepath\\关于印发通知.txt', notice), asJson('../../etc/passwd', Buffer.from('x'))]).expect(202);
    expect((await attachmentsOf(pathed.body.id)).map((a: { filename: string }) => a.filename)).toEqual(['关于印发通知.txt', 'passwd']);
    const multipart = await submitMultipart('names-2', [{ name: '附件一：工作安排.txt', bytes: notice }]).expect(202);
    expect((await attachmentsOf(multipart.body.id)).map((a: { filename: string }) => a.filename)).toEqual(['附件一：工作安排.txt']);

    const refusals: Array<[unknown, string]> = [
      [[{ filename: '报告\u202Etxt.exe', data: 'QUJD' }], 'attachments[0].filename'],
      [[{ filename: 'a\nb.txt', data: 'QUJD' }], 'attachments[0].filename'],
      [[{ filename: '', data: 'QUJD' }], 'attachments[0].filename'],
      [[{ filename: 'dir/', data: 'QUJD' }], 'attachments[0].filename'],
      [[{ filename: `${'长'.repeat(256)}.txt`, data: 'QUJD' }], 'attachments[0].filename'],
      [[{ filename: 'a.txt' }], 'attachments[0].data'],
      [[{ filename: 'a.txt', data: 'QUJD', contentType: 'not a type' }], 'attachments[0].contentType'],
      [['QUJD'], 'attachments[0]'],
      [{ filename: 'a.txt', data: 'QUJD' }, 'attachments'],
    ];
    for (const [attachments, field] of refusals) {
      const response = await submitJson('names-bad', attachments).expect(422);
      expect(response.body.field).toBe(field);
    }
    const wrongPart = await submitMultipart('names-bad', [{ name: 'a.txt', bytes: notice, field: 'file' }]).expect(422);
    expect(wrongPart.body.message).toMatch(/"attachments"/);
    const noItem = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).attach('attachments', notice, { filename: 'a.txt' }).expect(422);
    expect(noItem.body.field).toBe('item');
    const notJson = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).field('item', '{').attach('attachments', notice, { filename: 'a.txt' }).expect(400);
    expect(notJson.body.field).toBe('item');
    const both = await submitMultipart('names-bad', [{ name: 'a.txt', bytes: notice }], { ...itemBody(s.unit, 'names-bad'), attachments: [asJson('b.txt', notice)] }).expect(422);
    expect(both.body.field).toBe('attachments');
    // The item's fields in a multipart request are validated as in JSON.
    const badField = await submitMultipart('names-bad', [{ name: 'a.txt', bytes: notice }], { ...itemBody(s.unit, 'names-bad'), format: 'pdf' }).expect(400);
    expect(badField.body.field).toBe('format');
    // Multipart needs the client's key like JSON does, and is not read without it.
    await t.http.post('/api/v1/items').field('item', '{}').attach('attachments', notice, { filename: 'a.txt' }).expect(401);
  });
});
