import { createHmac } from 'node:crypto';
import { decodeSecret, signatureHeader, verifyWebhook, webhookHeaders, WebhookSecretError, WebhookVerificationError } from './webhook-signature';

describe('webhook signature (Standard Webhooks)', () => {
  // The example from the Standard Webhooks specification and its reference libraries.
  const specSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const specId = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const specTimestamp = 1614265330;
  const specBody = '{"test": 2432232314}';

  it('matches the signature of the Standard Webhooks reference example', () => {
    const sut = signatureHeader([specSecret], specId, specTimestamp, specBody);
    expect(sut).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs HMAC-SHA256 over "<id>.<timestamp>.<body>" with the decoded key bytes', () => {
    const key = decodeSecret(specSecret);
    const expected = createHmac('sha256', key).update(`${specId}.${specTimestamp}.${specBody}`).digest('base64');
    expect(signatureHeader([specSecret], specId, specTimestamp, specBody)).toBe(`v1,${expected}`);
  });

  it('verifies its own headers, and a tampered body, id or timestamp fails', () => {
    const body = JSON.stringify({ event: 'item.released', body: '各科室：请按要求做好政务公开工作。' });
    const now = new Date('2026-11-27T08:00:00Z');
    const sut = webhookHeaders([specSecret], 'msg_1', body, now);
    expect(() => verifyWebhook(specSecret, sut, body, { now })).not.toThrow();
    expect(() => verifyWebhook(specSecret, sut, body.replace('政务', '政物'), { now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(specSecret, { ...sut, 'webhook-id': 'msg_2' }, body, { now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(specSecret, { ...sut, 'webhook-timestamp': String(Number(sut['webhook-timestamp']) + 1) }, body, { now })).toThrow(WebhookVerificationError);
  });

  it('refuses a stale timestamp and a missing header', () => {
    const body = '{}';
    const sut = webhookHeaders([specSecret], 'msg_1', body, new Date('2026-11-27T08:00:00Z'));
    expect(() => verifyWebhook(specSecret, sut, body, { now: new Date('2026-11-27T08:10:00Z') })).toThrow(/too old/);
    expect(() => verifyWebhook(specSecret, { ...sut, 'webhook-signature': undefined }, body)).toThrow(/missing webhook-signature/);
  });

  it('carries one signature per secret during a rotation, and each secret verifies alone', () => {
    const next = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    const body = '{"a":1}';
    const now = new Date();
    const sut = webhookHeaders([next, specSecret], 'msg_rot', body, now);
    expect(sut['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verifyWebhook(next, sut, body, { now })).not.toThrow();
    expect(() => verifyWebhook(specSecret, sut, body, { now })).not.toThrow();
    const stranger = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    expect(() => verifyWebhook(stranger, sut, body, { now })).toThrow(/no matching signature/);
  });

  it('accepts only whsec_ + base64 of 24 to 64 bytes as a secret', () => {
    expect(decodeSecret(specSecret)).toHaveLength(24);
    expect(() => decodeSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow(WebhookSecretError);
    expect(() => decodeSecret('whsec_not base64!')).toThrow(WebhookSecretError);
    expect(() => decodeSecret('whsec_' + Buffer.alloc(8).toString('base64'))).toThrow(/24 to 64 bytes/);
  });
});
