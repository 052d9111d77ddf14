import type { TestApp } from './test-app';
import { waitFor } from './test-app';

export const PASSWORD = 'correct-horse-9';

export interface Seeded {
  unit: string;
  client: string;
  apiKey: string;
  callbackSecret: string;
  users: Record<'filler' | 'leader' | 'chief' | 'admin', string>;
}

/** Test receivers listen on random ports of 127.0.0.1, so the seeded client registers that host on any port. */
export const TEST_CALLBACK_ORIGIN = 'http://127.0.0.1:*';

/**
 * One unit, one CMS client registered for that unit and for callbacks to 127.0.0.1, and one person
 * per role, made through the operator CLI as an office would.
 */
export async function seedUnit(t: TestApp, unit = 'u1', suffix = ''): Promise<Seeded> {
  const ok = async (...argv: string[]) => {
    const result = await t.cli(...argv);
    if (result.code !== 0) throw new Error(`cli ${argv.join(' ')} failed: ${result.err.join('\n')}`);
    return result;
  };
  await ok('unit:add', unit, `测试单位${unit}`);
  const users = { filler: `filler${suffix}`, leader: `leader${suffix}`, chief: `chief${suffix}`, admin: `admin${suffix}` };
  for (const [role, username] of Object.entries(users)) await ok('user:add', username, '--role', role, '--unit', unit, '--password', PASSWORD);
  const client = await ok('client:add', `cms-${unit}${suffix}`, '--unit', unit, '--callback-origin', TEST_CALLBACK_ORIGIN);
  const secretLine = client.out[client.out.length - 2];
  return { unit, client: `cms-${unit}${suffix}`, apiKey: client.out[client.out.length - 1], callbackSecret: secretLine.slice(secretLine.indexOf('whsec_')), users };
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const response = await t.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
  return response.body.accessToken as string;
}

export interface SubmitBody {
  externalId: string;
  unit: string;
  title: string;
  body: string;
  format: 'text' | 'html';
  channels: string[];
  callbackUrl?: string;
  author?: { id: string; name: string };
}

export function itemBody(unit: string, externalId: string, overrides: Partial<SubmitBody> = {}): SubmitBody {
  return { externalId, unit, title: '关于2026年政务公开工作的通知', body: '各科室：请按要求做好政务公开工作。联系电话：0817-2222222。', format: 'text', channels: ['portal'], ...overrides };
}

/** Waits until the item reaches `state` (read through the API as its client). */
export async function waitForState(t: TestApp, apiKey: string, id: string, state: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  return waitFor(async () => {
    const response = await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', apiKey);
    return response.body.state === state ? (response.body as Record<string, unknown>) : undefined;
  }, timeoutMs, `item ${id} to reach ${state}`);
}

/**
 * What 初审 must send with 通过 when the scan found review-level hits: a disposition for each (here all
 * `verified`), read from the item view as `token` sees it. Items in tests are small: all their hits are shown.
 */
export async function dispositionsFor(t: TestApp, token: string, id: string): Promise<Array<{ hitId: string; outcome: 'verified' }>> {
  const view = await t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${token}`);
  const hits = ((view.body.scan?.hits ?? []) as Array<{ id: string; severity: string }>).filter((h) => h.severity === 'review');
  return hits.map((h) => ({ hitId: h.id, outcome: 'verified' as const }));
}
