import { randomBytes } from 'node:crypto';
import { dispositionsFor, itemBody, login, SubmitBody, Seeded, waitForState } from '../support/fixtures';
import { TestApp } from '../support/test-app';

export type Tokens = Record<'filler' | 'leader' | 'chief' | 'admin', string>;

export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function tokensOf(t: TestApp, s: Seeded): Promise<Tokens> {
  return {
    filler: await login(t, s.users.filler),
    leader: await login(t, s.users.leader),
    chief: await login(t, s.users.chief),
    admin: await login(t, s.users.admin),
  };
}

/** Adds a channel through the operator CLI: service-wide, or the given unit's (which that unit's admin may then manage). */
export async function addChannel(t: TestApp, name: string, url: string, secret: string, unit?: string): Promise<void> {
  const result = await t.cli('channel:add', name, '--url', url, '--secret', secret, ...(unit ? ['--unit', unit] : []));
  if (result.code !== 0) throw new Error(`channel:add ${name} failed: ${result.err.join('\n')}`);
}

/** Submits an item and has it approved at all three levels; returns its id once the chief has decided. */
export async function submitAndApprove(t: TestApp, s: Seeded, tokens: Tokens, externalId: string, overrides: Partial<SubmitBody> = {}): Promise<string> {
  const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, overrides)).expect(202);
  const id = submitted.body.id as string;
  await waitForState(t, s.apiKey, id, 'awaiting_filler');
  for (const level of ['filler', 'leader', 'chief'] as const) {
    // 初审 records each review-level hit before approving (an item with a phone number, say).
    const dispositions = level === 'filler' ? await dispositionsFor(t, tokens.filler, id) : [];
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens[level]}`)
      .send({ decision: 'approve', revision: 1, ...(dispositions.length ? { dispositions } : {}) }).expect(200);
  }
  return id;
}

export interface DeliveryJson {
  id: string;
  webhookId: string;
  kind: string;
  channel: string | null;
  event: string;
  status: string;
  attemptCount: number;
  lastError: string | null;
  attempts: Array<{ at: string; statusCode: number | null; durationMs: number | null; error: string | null }>;
}

export async function deliveriesOf(t: TestApp, apiKey: string, id: string): Promise<DeliveryJson[]> {
  const response = await t.http.get(`/api/v1/items/${id}/deliveries`).set('X-Api-Key', apiKey).expect(200);
  return response.body.deliveries as DeliveryJson[];
}
