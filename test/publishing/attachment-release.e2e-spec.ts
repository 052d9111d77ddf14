import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'superagent';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { attachmentLinkSettings } from '../../src/publishing/attachment-link-settings';
import { attachmentLinkUrl, AttachmentLinkClaims } from '../../src/publishing/attachment-links';
import { login, seedUnit, Seeded, SubmitBody, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, deliveriesOf, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

interface ReleasedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
}

interface Download {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** The JSON error body, when the answer is one. */
  error?: { statusCode: number; error: string; message: string };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const NOTICE = Buffer.from('关于做好2026年政务公开工作的通知（附件）\n各科室按要求报送材料。联系电话：0817-2222222。\n', 'utf8');
// Bytes no reader recognises: the scan reports them as not examined, and the release must still carry them exactly.
const DATA = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x7f, 0x80]), randomBytes(4096)]);
const NOTICE_NAME = '关于"试点"的通知 (附件一).txt';
const DATA_NAME = '统计数据.bin';

describe('attachments in releases: signed channel downloads, recall, reviewer download', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let base: string;
  const receivers: WebhookReceiver[] = [];
  const secrets: Record<string, string> = {};
  const channel: Record<string, WebhookReceiver> = {};

  beforeAll(async () => {
    // PUBLIC_URL and ATTACHMENT_LINK_TTL_SECONDS as the config schema is to read them; the links are compared against whatever it read.
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_TIMEOUT_MS: '2000', PUBLIC_URL: 'https://clearance.example.gov.cn/mishen', ATTACHMENT_LINK_TTL_SECONDS: '3600', OCR: 'off' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    base = attachmentLinkSettings(t.config).baseUrl;
    for (const name of ['portal', 'wechat']) {
      secrets[name] = newSecret();
      channel[name] = await WebhookReceiver.start(secrets[name]);
      receivers.push(channel[name]);
      await addChannel(t, name, channel[name].url, secrets[name]);
    }
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  /** GETs a link the way its channel would, by its path under the service's public base URL. */
  const fetchLink = async (url: string, headers: Record<string, string> = {}): Promise<Download> => {
    if (!url.startsWith(`${base}/`)) throw new Error(`${url} is not under the public base URL ${base}`);
    const path = url.slice(base.length);
    const request = t.http.get(path);
    for (const [name, value] of Object.entries(headers)) request.set(name, value);
    const response: Response = await request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const bytes = response.body as Buffer;
    const json = /json/.test(String(response.headers['content-type'])) ? (JSON.parse(bytes.toString('utf8')) as Download['error']) : undefined;
    return { status: response.status, headers: response.headers as Record<string, string>, bytes, error: json };
  };
  const reviewerDownload = (id: string, revision: number, index: number, token?: string) =>
    fetchLink(`${base}/api/v1/items/${id}/revisions/${revision}/attachments/${index}`, token ? { Authorization: `Bearer ${token}` } : {});

  const downloads = (itemId: string) => t.orm.em.fork().find(AuditEvent, { itemId, action: 'attachment.downloaded' }, { orderBy: { seq: 'asc' } });

  /** What a link says, read back out of its URL. */
  const claimsOf = (url: string): AttachmentLinkClaims & { signature: string } => {
    const parsed = new URL(url);
    const [, deliveryId, index] = /\/api\/v1\/releases\/([^/]+)\/attachments\/(\d+)$/.exec(parsed.pathname)!;
    const q = parsed.searchParams;
    return { deliveryId, index: Number(index), itemId: q.get('item')!, revision: Number(q.get('revision')), expires: Number(q.get('expires')), signature: q.get('signature')! };
  };

  const expectSafeDownload = (d: Download, bytes: Buffer, filename: string) => {
    expect(d.status).toBe(200);
    expect(Buffer.compare(d.bytes, bytes)).toBe(0);
    expect(sha256(d.bytes)).toBe(sha256(bytes));
    expect(d.headers['content-type']).toBe('application/octet-stream');
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.headers['cache-control']).toBe('private, no-store');
    expect(d.headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(d.headers['content-length']).toBe(String(bytes.length));
    const disposition = d.headers['content-disposition'];
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.slice(disposition.indexOf("UTF-8''") + "UTF-8''".length))).toBe(filename);
  };

  let itemId: string;
  let released: Record<string, ReleasedAttachment[]>;

  it('releases the approved attachments to each channel with a download only that channel can use', async () => {
    const overrides: Partial<SubmitBody> & { attachments: Array<{ filename: string; contentType?: string; data: string }> } = {
      channels: ['portal', 'wechat'],
      attachments: [
        { filename: NOTICE_NAME, contentType: 'text/plain; charset=utf-8', data: NOTICE.toString('base64') },
        { filename: DATA_NAME, data: DATA.toString('base64') },
      ],
    };
    itemId = await submitAndApprove(t, s, tokens, 'attach-1', overrides);
    const published = await waitForState(t, s.apiKey, itemId, 'published');

    released = {};
    for (const name of ['portal', 'wechat']) {
      const [release] = channel[name].received.filter((r) => r.json.itemId === itemId);
      expect(release.verified).toBe(true);
      expect(release.json).toMatchObject({ event: 'item.released', itemId, revision: 1, contentHash: published.contentHash, channel: name });
      released[name] = release.json.attachments as ReleasedAttachment[];
      expect(released[name]).toEqual([
        { filename: NOTICE_NAME, contentType: 'text/plain; charset=utf-8', size: NOTICE.length, sha256: sha256(NOTICE), url: expect.stringMatching(/^https?:\/\//) },
        { filename: DATA_NAME, contentType: 'application/octet-stream', size: DATA.length, sha256: sha256(DATA), url: expect.stringMatching(/^https?:\/\//) },
      ]);
    }
    const deliveries = (await deliveriesOf(t, s.apiKey, itemId)).filter((d) => d.kind === 'release');
    for (const name of ['portal', 'wechat']) {
      const delivery = deliveries.find((d) => d.channel === name)!;
      const link = claimsOf(released[name][1].url);
      expect(link).toMatchObject({ deliveryId: delivery.id, itemId, revision: 1, index: 1 });
      // Valid for the configured time (7 days unless set) from the attempt that sent it.
      expect(link.expires - Date.now() / 1000).toBeGreaterThan(attachmentLinkSettings(t.config).ttlSeconds - 120);
      expect(link.expires - Date.now() / 1000).toBeLessThanOrEqual(attachmentLinkSettings(t.config).ttlSeconds);
    }
    expect(released.portal[0].url).not.toBe(released.wechat[0].url);
  });

  it('serves each channel exactly the approved bytes with safe headers, and audits every download', async () => {
    expectSafeDownload(await fetchLink(released.portal[0].url), NOTICE, NOTICE_NAME);
    expectSafeDownload(await fetchLink(released.portal[1].url), DATA, DATA_NAME);
    expectSafeDownload(await fetchLink(released.wechat[1].url), DATA, DATA_NAME);

    const events = await downloads(itemId);
    expect(events.map((e) => [e.actor, e.data.channel, e.data.index, e.data.sha256])).toEqual([
      ['channel:portal', 'portal', 0, sha256(NOTICE)],
      ['channel:portal', 'portal', 1, sha256(DATA)],
      ['channel:wechat', 'wechat', 1, sha256(DATA)],
    ]);
    expect(events[0].data).toMatchObject({ revision: 1, filename: NOTICE_NAME, size: NOTICE.length });

    // A HEAD (a link checker, a proxy) is checked like a download and answered with its headers, but downloads nothing.
    const head = await t.http.head(released.portal[1].url.slice(base.length));
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(DATA.length));
    expect(head.headers.etag).toBe(`"${sha256(DATA)}"`);
    const headOfReviewer = await t.http.head(`/api/v1/items/${itemId}/revisions/1/attachments/0`).set('Authorization', `Bearer ${tokens.filler}`);
    expect(headOfReviewer.status).toBe(200);
    expect((await t.http.head(`/api/v1/items/${itemId}/revisions/1/attachments/0`)).status).toBe(401);
    expect(await downloads(itemId)).toHaveLength(events.length);
  });

  it('refuses another channel\'s signature, a tampered index or expiry, and an expired link with 403', async () => {
    const before = (await downloads(itemId)).length;
    const portalLink = claimsOf(released.portal[0].url);
    const wechatLink = claimsOf(released.wechat[0].url);
    const expectRefused = async (url: string, message: RegExp) => {
      const d = await fetchLink(url);
      expect(d.status).toBe(403);
      expect(d.error).toMatchObject({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(message) });
      expect(d.bytes.toString('utf8')).not.toContain('关于做好');
    };
    const refused = /not valid for any channel/;

    // wechat signs a link to portal's delivery with its own secret; and presents its own signature on portal's delivery.
    await expectRefused(attachmentLinkUrl(base, secrets.wechat, { ...portalLink }), refused);
    await expectRefused(released.wechat[0].url.replace(wechatLink.deliveryId, portalLink.deliveryId), refused);
    // Another index, expiry, item or revision under the same signature.
    await expectRefused(released.portal[0].url.replace('/attachments/0?', '/attachments/1?'), refused);
    await expectRefused(released.portal[0].url.replace(`expires=${portalLink.expires}`, `expires=${portalLink.expires + 86400}`), refused);
    await expectRefused(released.portal[0].url.replace('revision=1', 'revision=2'), refused);
    await expectRefused(released.portal[0].url.replace(/&signature=[^&]*/, ''), refused);
    await expectRefused(released.portal[0].url.replace(/\/releases\/[^/]+\//, '/releases/not-a-delivery/'), refused);
    // Signed correctly by portal, but past its expiry: what a channel holds after the link's lifetime.
    await expectRefused(attachmentLinkUrl(base, secrets.portal, { ...portalLink, expires: Math.floor(Date.now() / 1000) - 1 }), /expired at/);
    expect(await downloads(itemId)).toHaveLength(before);
  });

  it('accepts links signed with the previous secret during a rotation, and not after it is retired', async () => {
    const link = released.portal[0].url;
    const rotated = await t.cli('channel:add-secret', 'portal', '--secret', newSecret());
    expect(rotated.code).toBe(0);
    expect((await fetchLink(link)).status).toBe(200);
    expect((await t.cli('channel:retire-secret', 'portal')).code).toBe(0);
    expect((await fetchLink(link)).status).toBe(403);
  });

  it('lets the reviewers of the unit download the original, audited, and nobody else', async () => {
    expectSafeDownload(await reviewerDownload(itemId, 1, 0, tokens.filler), NOTICE, NOTICE_NAME);
    expectSafeDownload(await reviewerDownload(itemId, 1, 1, tokens.chief), DATA, DATA_NAME);
    const events = (await downloads(itemId)).filter((e) => e.actor.startsWith('user:'));
    expect(events.map((e) => [e.actor, e.data.user, e.data.index, e.data.sha256])).toEqual([
      [`user:${s.users.filler}`, s.users.filler, 0, sha256(NOTICE)],
      [`user:${s.users.chief}`, s.users.chief, 1, sha256(DATA)],
    ]);

    const other = await seedUnit(t, 'u2', '-2');
    const stranger = await reviewerDownload(itemId, 1, 0, await login(t, other.users.admin));
    const missing = await reviewerDownload('00000000-0000-4000-8000-000000000000', 1, 0, tokens.filler);
    expect(stranger.status).toBe(404);
    expect(missing.status).toBe(404);
    // Another unit's reviewer cannot tell the item from one that does not exist.
    expect(stranger.error?.message.replace(itemId, 'ID')).toBe(missing.error?.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    expect((await reviewerDownload(itemId, 1, 0)).status).toBe(401);
    const asClient = await fetchLink(`${base}/api/v1/items/${itemId}/revisions/1/attachments/0`, { 'X-Api-Key': s.apiKey });
    expect(asClient.status).toBe(401);
    expect((await reviewerDownload(itemId, 2, 0, tokens.filler)).status).toBe(404);
    expect((await reviewerDownload(itemId, 1, 2, tokens.filler)).status).toBe(404);
    expect((await downloads(itemId)).filter((e) => e.actor.startsWith('user:'))).toHaveLength(2);
  });

  it('recalls the attachments with the item: the recall lists their sha256 and the links answer 410', async () => {
    const link = released.wechat[0].url;
    expect((await fetchLink(link)).status).toBe(200);
    await t.http.post(`/api/v1/items/${itemId}/recall`).set('Authorization', `Bearer ${tokens.leader}`).send({ comment: '附件含未脱敏信息，撤稿' }).expect(200);
    for (const name of ['portal', 'wechat']) {
      const recall = await waitFor(async () => channel[name].events().find((e) => e.itemId === itemId && e.event === 'item.recalled'), 30_000, `the recall to ${name}`);
      expect(recall.attachments).toEqual([
        { filename: NOTICE_NAME, sha256: sha256(NOTICE) },
        { filename: DATA_NAME, sha256: sha256(DATA) },
      ]);
    }
    const before = (await downloads(itemId)).length;
    for (const url of [link, released.wechat[1].url]) {
      const gone = await fetchLink(url);
      expect(gone.status).toBe(410);
      expect(gone.error).toMatchObject({ statusCode: 410, error: 'Gone', message: expect.stringMatching(/no longer released.*recalled/) });
      expect(gone.bytes.includes(DATA.subarray(0, 64))).toBe(false);
    }
    expect(await downloads(itemId)).toHaveLength(before);
    // The record stays readable for the unit's reviewers.
    expectSafeDownload(await reviewerDownload(itemId, 1, 0, tokens.admin), NOTICE, NOTICE_NAME);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });
});
