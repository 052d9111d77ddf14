import { PASSWORD } from '../support/fixtures';
import type { TestApp } from '../support/test-app';

export interface People {
  unit: string;
  apiKey: string;
  /** username → e-mail address ('' for none). */
  mail: Record<string, string>;
}

export async function ok(t: TestApp, ...argv: string[]): Promise<string[]> {
  const result = await t.cli(...argv);
  if (result.code !== 0) throw new Error(`cli ${argv.join(' ')} failed: ${result.err.join('\n')}`);
  return result.out;
}

/**
 * Unit u1 with two fillers who have mail, one without, one deactivated, a leader, a chief and an admin; unit u2
 * with a filler of its own who must never hear of u1's items. A CMS client for u1 and a channel nobody listens on.
 */
export async function seedPeople(t: TestApp, fillers = 2): Promise<People> {
  await ok(t, 'unit:add', 'u1', '某某县政务服务管理局');
  await ok(t, 'unit:add', 'u2', '另一单位');
  const mail: Record<string, string> = {};
  const add = async (username: string, role: string, unit: string, email?: string) => {
    await ok(t, 'user:add', username, '--role', role, '--unit', unit, '--password', PASSWORD, ...(email ? ['--email', email] : []));
    mail[username] = email ?? '';
  };
  for (let i = 1; i <= fillers; i++) await add(`f${i}`, 'filler', 'u1', `f${i}@u1.example.gov.cn`);
  await add('f-nomail', 'filler', 'u1');
  await add('f-gone', 'filler', 'u1', 'gone@u1.example.gov.cn');
  await ok(t, 'user:deactivate', 'f-gone');
  await add('l1', 'leader', 'u1', 'l1@u1.example.gov.cn');
  await add('c1', 'chief', 'u1', 'c1@u1.example.gov.cn');
  await add('a1', 'admin', 'u1', 'a1@u1.example.gov.cn');
  await add('g1', 'filler', 'u2', 'g1@u2.example.gov.cn');
  await ok(t, 'channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  const client = await ok(t, 'client:add', 'cms-u1', '--unit', 'u1');
  return { unit: 'u1', apiKey: client[client.length - 1], mail };
}

/** A title that would be markup in every format if it were not escaped. */
export const HOSTILE_TITLE = '关于<b>加粗</b>的通知 [点我](http://evil.example) **粗** @all <at user_id="all"></at>';
