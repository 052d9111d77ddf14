import { attachmentLinkPath, attachmentLinkUrl, AttachmentLinkClaims, checkAttachmentLink, parseAttachmentLink, signAttachmentLink } from './attachment-links';
import { newChannelSecret } from './webhook-signature';

describe('attachment links', () => {
  const portal = newChannelSecret();
  const wechat = newChannelSecret();
  const now = new Date('2026-12-01T08:00:00Z');
  const claims: AttachmentLinkClaims = {
    deliveryId: '0b6f3a4e-2d1c-4b8a-9f00-1234567890ab',
    itemId: '7d9e8f00-1111-4222-8333-444455556666',
    revision: 2,
    index: 1,
    expires: Math.floor(now.getTime() / 1000) + 3600,
  };

  /** The link as a channel would send it back: path and query read out of the URL. */
  const roundTrip = (url: string) => {
    const parsed = new URL(url);
    const [, deliveryId, index] = /^\/base\/api\/v1\/releases\/([^/]+)\/attachments\/([^/]+)$/.exec(parsed.pathname) ?? [];
    const q = parsed.searchParams;
    return { raw: { deliveryId, index, item: q.get('item') ?? undefined, revision: q.get('revision') ?? undefined, expires: q.get('expires') ?? undefined }, signature: q.get('signature') ?? undefined };
  };

  it('builds an absolute URL under the base (prefix kept) that verifies with the channel secret', () => {
    const sut = attachmentLinkUrl('https://clearance.example.gov.cn/base/', portal, claims);
    expect(sut.startsWith('https://clearance.example.gov.cn/base/api/v1/releases/0b6f3a4e-2d1c-4b8a-9f00-1234567890ab/attachments/1?')).toBe(true);
    const { raw, signature } = roundTrip(sut);
    const parsed = parseAttachmentLink(raw);
    expect(parsed).toEqual(claims);
    expect(checkAttachmentLink([portal], parsed!, signature, now)).toBe('valid');
  });

  it('refuses another channel\'s secret, and any claim altered under the signature', () => {
    const signature = signAttachmentLink(portal, claims);
    expect(checkAttachmentLink([wechat], claims, signature, now)).toBe('bad-signature');
    for (const altered of [{ index: 0 }, { revision: 1 }, { expires: claims.expires + 86400 }, { itemId: '7d9e8f00-1111-4222-8333-444455556667' }, { deliveryId: '0b6f3a4e-2d1c-4b8a-9f00-1234567890ac' }]) {
      expect(checkAttachmentLink([portal], { ...claims, ...altered }, signature, now)).toBe('bad-signature');
    }
    const last = signature[signature.length - 1];
    // Even the last character, whose low bits base64url does not use, may not change.
    for (const c of ['A', 'B', 'C', 'D']) if (c !== last) expect(checkAttachmentLink([portal], claims, signature.slice(0, -1) + c, now)).toBe('bad-signature');
    expect(checkAttachmentLink([portal], claims, undefined, now)).toBe('bad-signature');
    expect(checkAttachmentLink([portal], claims, 'v1,not-base64url!', now)).toBe('bad-signature');
  });

  it('accepts either secret during a rotation, and expires on the dot', () => {
    const next = newChannelSecret();
    const signature = signAttachmentLink(portal, claims);
    expect(checkAttachmentLink([next, portal], claims, signature, now)).toBe('valid');
    expect(checkAttachmentLink([next], claims, signature, now)).toBe('bad-signature');
    expect(checkAttachmentLink([portal], claims, signature, new Date(claims.expires * 1000 - 1))).toBe('valid');
    expect(checkAttachmentLink([portal], claims, signature, new Date(claims.expires * 1000))).toBe('expired');
  });

  it('parses only well-formed links', () => {
    const path = attachmentLinkPath(claims, 'x');
    expect(path).toMatch(/^\/api\/v1\/releases\/[0-9a-f-]{36}\/attachments\/1\?item=/);
    const good = { deliveryId: claims.deliveryId, index: '1', item: claims.itemId, revision: '2', expires: String(claims.expires) };
    expect(parseAttachmentLink(good)).toEqual(claims);
    for (const bad of [{ index: '-1' }, { index: '1.0' }, { index: '1,2' }, { revision: 'x' }, { expires: '' }, { item: 'not-a-uuid' }, { deliveryId: '../x' }, { expires: undefined }]) {
      expect(parseAttachmentLink({ ...good, ...bad })).toBeNull();
    }
  });
});
