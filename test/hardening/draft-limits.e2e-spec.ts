import { DRAFT_MAX_BODY_BYTES } from '../../src/scan/scan.service';
import { seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// A draft's text is scanned on the api's event loop: a large one is refused, not left to stall the api.
describe('draft scans stay small', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ OCR: 'off' });
    s = await seedUnit(t, 'u1');
    const channel = await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/hook', '--secret', `whsec_${Buffer.alloc(32, 2).toString('base64')}`);
    expect(channel.code).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a draft body above the draft limit with 413 naming body, and scans one at the limit', async () => {
    const line = '关于做好政府信息公开工作的通知，联系电话13812345678。\n';
    const over = line.repeat(Math.ceil((DRAFT_MAX_BODY_BYTES + 1) / Buffer.byteLength(line)));
    const refused = await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ body: over }).expect(413);
    expect(refused.body).toMatchObject({ statusCode: 413, field: 'body' });
    expect(refused.body.message).toMatch(/submit it as an item/);

    const fits = line.repeat(Math.floor(DRAFT_MAX_BODY_BYTES / Buffer.byteLength(line)));
    const scanned = await t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ body: fits }).expect(200);
    expect(scanned.body.verdict).toBe('review');
  });

  it('still takes a large body as an item, scanned by the worker', async () => {
    const body = '关于做好政府信息公开工作的通知。\n'.repeat(Math.ceil((DRAFT_MAX_BODY_BYTES * 2) / 48));
    await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey)
      .send({ externalId: 'large-1', unit: 'u1', title: '大篇幅通知', body, format: 'text', channels: ['portal'] })
      .expect(202);
  });
});
