import { itemBody, login, seedUnit, Seeded, SubmitBody, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { asJson, docxWithComment, hashWithoutAttachments, png, sha256, truncatedZip } from './attachment-files';

interface HitJson {
  category: string;
  field: string;
  attachment?: number;
  partIndex?: number;
  location?: { file: string; part: string; author?: string };
  text: string;
}

const RESIDENT_ID = '11010519491231002X';

/** Attachments through the whole scan: extraction on the extract queue (api and worker in this process), views and parts. */
describe('attachments: extraction, scan, views and parts', () => {
  let t: TestApp;
  let s: Seeded;
  let filler: string;

  beforeAll(async () => {
    t = await startTestApp({ EXTRACT_CONCURRENCY: '1' });
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    filler = await login(t, s.users.filler);
  });
  afterAll(() => t?.close());

  const submit = (externalId: string, attachments?: unknown[], overrides: Partial<SubmitBody> = {}) =>
    t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({ ...itemBody(s.unit, externalId, overrides), ...(attachments ? { attachments } : {}) });
  const view = async (id: string) => (await t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${filler}`).expect(200)).body;
  const notice = Buffer.from('附件：2026年政务公开工作安排。', 'utf8');

  it('finds a resident ID in a Word comment and waits at awaiting_filler with the hit located in the comment', async () => {
    const docx = docxWithComment('各科室：请按要求做好政务公开工作。', `经办人身份证号${RESIDENT_ID}`);
    const { body } = await submit('docx-1', [asJson('关于做好政务公开工作的通知.docx', docx)]).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');

    const item = await view(body.id);
    expect(item.scan.verdict).toBe('review');
    const idHit = item.scan.hits.find((h: HitJson) => h.category === 'personal-info');
    expect(idHit).toMatchObject({ field: 'attachment', attachment: 0, text: RESIDENT_ID, location: { file: '关于做好政务公开工作的通知.docx', part: 'comment', author: '张科员' } });
    expect(item.attachments).toEqual([
      expect.objectContaining({ index: 0, filename: '关于做好政务公开工作的通知.docx', sha256: sha256(docx), size: docx.length, contentType: 'application/octet-stream', verdict: 'review' }),
    ]);
    expect(item.attachments[0].coverage).toMatchObject({ format: 'docx', gaps: [] });

    // The reviewer reads the text the hit points into, part by part.
    const parts = await t.http.get(`/api/v1/items/${body.id}/attachments/0/parts`).set('Authorization', `Bearer ${filler}`).expect(200);
    expect(parts.body.capped).toBe(false);
    const part = parts.body.parts.find((p: { partIndex: number }) => p.partIndex === idHit.partIndex);
    expect(part.location).toMatchObject({ part: 'comment' });
    expect(part.text.slice(idHit.start, idHit.end)).toBe(RESIDENT_ID);
    // Same access as the item: its client may read them, another unit's reviewer gets 404, an index past the list 404.
    await t.http.get(`/api/v1/items/${body.id}/attachments/0/parts`).set('X-Api-Key', s.apiKey).expect(200);
    const other = await seedUnit(t, 'u2', '-2');
    await t.http.get(`/api/v1/items/${body.id}/attachments/0/parts`).set('Authorization', `Bearer ${await login(t, other.users.filler)}`).expect(404);
    await t.http.get(`/api/v1/items/${body.id}/attachments/1/parts`).set('Authorization', `Bearer ${filler}`).expect(404);
  });

  it('never passes a truncated zip: awaiting_filler with a not-examined hit on it', async () => {
    const { body } = await submit('zip-1', [asJson('notice.txt', notice), asJson('材料.zip', truncatedZip())]).expect(202);
    await waitForState(t, s.apiKey, body.id, 'awaiting_filler');
    const item = await view(body.id);
    expect(item.scan.verdict).toBe('review');
    expect(item.scan.hits).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'not-examined', field: 'attachment', attachment: 1 })]));
    expect(item.attachments.map((a: { verdict: string }) => a.verdict)).toEqual(['pass', 'review']);
    expect(item.attachments[1].coverage.gaps).toEqual([expect.objectContaining({ reason: 'damaged' })]);
    const [{ n }] = await t.orm.em.fork().getConnection().execute(
      'select count(*) as n from scan_parts p join scans s on s.id = p.scan_id join revisions r on r.id = s.revision_id where r.item_id = ? and p.attachment_index = 1',
      [body.id],
    );
    expect(Number(n)).toBe(0);
  });

  it('keeps the hash of an item without attachments, and makes a changed attachment a new revision that is scanned again', async () => {
    const first = await submit('rev-1').expect(202);
    expect(first.body.contentHash).toBe(hashWithoutAttachments(itemBody(s.unit, 'rev-1')));
    await waitForState(t, s.apiKey, first.body.id, 'awaiting_filler');
    expect((await submit('rev-1', []).expect(200)).body).toMatchObject({ revision: 1, contentHash: first.body.contentHash });

    const hashes = [first.body.contentHash];
    const changed = Buffer.concat([notice, Buffer.from(`联系人身份证号${RESIDENT_ID}`)]);
    const versions = [
      [asJson('通知.txt', notice)],
      [asJson('通知.txt', changed)],
      [asJson('通知（修订）.txt', changed)],
      [asJson('通知（修订）.txt', changed), asJson('通知.txt', notice)],
      [asJson('通知.txt', notice), asJson('通知（修订）.txt', changed)],
    ];
    for (const [k, attachments] of versions.entries()) {
      const next = await submit('rev-1', attachments).expect(202);
      expect(next.body.revision).toBe(k + 2);
      expect(hashes).not.toContain(next.body.contentHash);
      hashes.push(next.body.contentHash);
      await waitForState(t, s.apiKey, first.body.id, 'awaiting_filler');
      // The identical resubmission is the same revision.
      expect((await submit('rev-1', attachments).expect(200)).body).toMatchObject({ revision: k + 2, contentHash: next.body.contentHash });
    }
    const item = await view(first.body.id);
    expect(item.attachments.map((a: { filename: string; verdict: string }) => [a.filename, a.verdict])).toEqual([['通知.txt', 'pass'], ['通知（修订）.txt', 'review']]);
    expect(item.scan.hits.find((h: HitJson) => h.category === 'personal-info')).toMatchObject({ attachment: 1, text: RESIDENT_ID });
    const back = await submit('rev-1').expect(202);
    expect(back.body).toMatchObject({ revision: 7, contentHash: first.body.contentHash });
  });

  it('scans a draft with attachments, in JSON and in multipart, and stores nothing', async () => {
    const before = Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from blobs'))[0].n);
    const docx = Buffer.from(docxWithComment('各科室：', `身份证号${RESIDENT_ID}`));
    const json = await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ body: '草稿正文', attachments: [asJson('草稿.docx', docx)] }).expect(200);
    const multipart = await t.http.post('/api/v1/scan').set('Authorization', `Bearer ${filler}`).field('item', JSON.stringify({ body: '草稿正文' })).attach('attachments', docx, { filename: '草稿.docx' }).expect(200);
    for (const draft of [json.body, multipart.body]) {
      expect(draft.verdict).toBe('review');
      expect(draft.attachments).toEqual([expect.objectContaining({ filename: '草稿.docx', verdict: 'review', partsCapped: false })]);
      expect(draft.attachments[0].parts.map((p: { text: string }) => p.text).join('\n')).toContain(RESIDENT_ID);
      expect(draft.hits.find((h: HitJson) => h.category === 'personal-info')).toMatchObject({ field: 'attachment', attachment: 0, location: { part: 'comment' } });
    }
    expect(Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from blobs'))[0].n)).toBe(before);
  });

  it('does not hold up a plain item behind a slow attachment scan: the plain one reaches awaiting_filler first', async () => {
    // Images go to OCR, one extraction process each: far slower than a text scan.
    const images = Array.from({ length: 6 }, (_, k) => asJson(`扫描件${k + 1}.png`, png(800, 600, k)));
    const slow = await submit('slow-1', images, { body: '见附件扫描件。' }).expect(202);
    const plain = await submit('plain-1', undefined, { body: '各科室：请于本周五前报送材料。' }).expect(202);
    await waitForState(t, s.apiKey, plain.body.id, 'awaiting_filler');
    const slowState = (await view(slow.body.id)).state;
    expect(['submitted', 'scanning']).toContain(slowState);

    await waitForState(t, s.apiKey, slow.body.id, 'awaiting_filler', 120_000);
    const item = await view(slow.body.id);
    expect(item.attachments.map((a: { coverage: { format: string } }) => a.coverage.format)).toEqual(Array(6).fill('png'));
    // Read by OCR or not, nothing passes unexamined: an image with a gap (OCR unavailable, say) is at least review.
    for (const a of item.attachments) if (a.coverage.gaps.length > 0) expect(a.verdict).not.toBe('pass');
  }, 150_000);
});
