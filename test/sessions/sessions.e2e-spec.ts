import { MikroORM } from '@mikro-orm/core';
import { Readable } from 'node:stream';
import { AuthService } from '../../src/auth/auth.service';
import { User } from '../../src/auth/entities/user.entity';
import { UserSession } from '../../src/auth/entities/user-session.entity';
import { runCli } from '../../src/cli';
import { login, PASSWORD, seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Sessions and accounts: a token belongs to a recorded session, renewed while valid, ended by logout, a
 * password change, a reset or a deactivation — each refused from the very next request.
 */
describe('sessions and accounts', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    s = await seedUnit(t);
  });
  afterAll(() => t?.close());

  const me = (token: string) => t.http.get('/api/v1/auth/account').set('Authorization', `Bearer ${token}`);
  const queue = (token: string) => t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${token}`);
  const cliWithInput = async (input: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), input: Readable.from([input]) }, t.config);
    return { code, out, err };
  };
  const audit = async (action: string): Promise<Array<{ actor: string; data: Record<string, unknown> }>> => {
    const rows = (await t.orm.em.fork().getConnection().execute('select actor, data from audit_events where action = ? order by seq', [action])) as Array<{ actor: string; data: unknown }>;
    return rows.map((r) => ({ actor: r.actor, data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown> }));
  };

  it('answers sign-in with names beside codes and the session cap', async () => {
    expect((await t.cli('user:add', 'wang', '--role', 'filler', '--unit', s.unit, '--password', PASSWORD, '--display-name', '王科员', '--email', 'wang@example.gov.cn')).code).toBe(0);
    const answer = (await t.http.post('/api/v1/auth/login').send({ username: 'wang', password: PASSWORD }).expect(200)).body;
    expect(answer.user).toEqual({ username: 'wang', displayName: '王科员', roles: ['filler'], unit: s.unit, unitName: `测试单位${s.unit}` });
    expect(answer.expiresIn).toBe(900);
    expect(Date.parse(answer.sessionExpiresAt) - Date.now()).toBeGreaterThan(43_000_000);
    const account = (await me(answer.accessToken).expect(200)).body;
    expect(account).toMatchObject({ username: 'wang', displayName: '王科员', email: 'wang@example.gov.cn', unit: { code: s.unit, name: `测试单位${s.unit}` } });
    expect(account.passwordRules).toEqual({ minLength: 8, maxLength: 256, minKinds: 2 });
  });

  it('renews a valid token within the same session; logout ends it and every token renewed from it', async () => {
    const first = await login(t, s.users.filler);
    const renewed = (await t.http.post('/api/v1/auth/refresh').set('Authorization', `Bearer ${first}`).expect(200)).body;
    expect(renewed.accessToken).not.toBe(first);
    expect(renewed.expiresIn).toBe(900);
    await queue(renewed.accessToken).expect(200);
    const other = await login(t, s.users.filler);

    await t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${renewed.accessToken}`).expect(204);
    for (const token of [first, renewed.accessToken]) {
      const refused = (await queue(token).expect(401)).body;
      expect(refused.message).toMatch(/session has ended/);
      await t.http.post('/api/v1/auth/refresh').set('Authorization', `Bearer ${token}`).expect(401);
    }
    // Another sign-in of the same person is a session of its own.
    await queue(other).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({}).expect(401);
  });

  it('refuses a token and its renewal once the session has reached its cap', async () => {
    const token = await login(t, s.users.leader);
    await t.orm.em.fork().getConnection().execute(`update user_sessions set expires_at = ? where user_id = (select id from users where username = ?)`, [new Date(Date.now() - 1000), s.users.leader]);
    expect((await queue(token).expect(401)).body.message).toMatch(/maximum length/);
    await t.http.post('/api/v1/auth/refresh').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('user:deactivate ends the person\'s tokens at once and refuses sign-in; user:reactivate lets them in again', async () => {
    const token = await login(t, s.users.chief);
    await queue(token).expect(200);
    const deactivated = await t.cli('user:deactivate', s.users.chief);
    expect(deactivated).toMatchObject({ code: 0, out: [`user ${s.users.chief} deactivated; 1 session ended`] });
    expect((await queue(token).expect(401)).body.message).toMatch(/no longer active/);
    await t.http.post('/api/v1/auth/login').send({ username: s.users.chief, password: PASSWORD }).expect(401);
    expect((await t.cli('user:deactivate', 'nobody')).code).toBe(2);

    expect((await t.cli('user:reactivate', s.users.chief)).out).toEqual([`user ${s.users.chief} reactivated`]);
    await queue(await login(t, s.users.chief)).expect(200);
    // The session the deactivation ended stays ended.
    await queue(token).expect(401);
    const events = await audit('user.deactivated');
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('cli');
    expect((await audit('user.reactivated'))).toHaveLength(1);
  });

  it('user:reset-password reads the password from standard input, checks the rules and ends every session', async () => {
    const token = await login(t, s.users.admin);
    const weak = await cliWithInput('abcdefgh\n', 'user:reset-password', s.users.admin, '--password-stdin');
    expect(weak.code).toBe(2);
    expect(weak.err.join('\n')).toMatch(/two of letters, digits/);
    await queue(token).expect(200);

    const reset = await cliWithInput('Reset-pass-2026\n', 'user:reset-password', s.users.admin, '--password-stdin');
    expect(reset).toMatchObject({ code: 0, out: [`password of ${s.users.admin} reset; 1 session ended`] });
    await queue(token).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: s.users.admin, password: PASSWORD }).expect(401);
    await queue(await login(t, s.users.admin, 'Reset-pass-2026')).expect(200);
    expect((await audit('user.password_reset')).map((e) => e.actor)).toEqual(['cli']);
  });

  it('changes one\'s own password only with the current one, counted like sign-in, and ends the other sessions', async () => {
    await t.cli('user:add', 'li', '--role', 'leader', '--unit', s.unit, '--password', PASSWORD);
    const here = await login(t, 'li');
    const elsewhere = await login(t, 'li');
    const change = (body: Record<string, unknown>) => t.http.post('/api/v1/auth/password').set('Authorization', `Bearer ${here}`).send(body);

    const wrong = (await change({ currentPassword: 'not-it-1', newPassword: 'New-pass-2026' }).expect(422)).body;
    expect(wrong).toMatchObject({ field: 'currentPassword', message: 'the current password is wrong' });
    expect((await change({ currentPassword: PASSWORD, newPassword: 'short1' }).expect(422)).body).toMatchObject({ field: 'newPassword' });
    expect((await change({ currentPassword: PASSWORD, newPassword: 'li' + 'x'.repeat(7) }).expect(422)).body.field).toBe('newPassword');
    expect((await change({ currentPassword: PASSWORD, newPassword: 'New-pass-2026', extra: 1 }).expect(400)).body.message).toMatch(/extra/);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'New-pass-2026' }).expect(200)).body).toEqual({ endedSessions: 1 });
    await queue(here).expect(200);
    await queue(elsewhere).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: 'li', password: PASSWORD }).expect(401);
    await login(t, 'li', 'New-pass-2026');
    const [event] = await audit('user.password_changed');
    expect(event.actor).toBe('user:li');

    // Guessing through this form counts against the sign-in limit (LOGIN_MAX_FAILURES 3 here).
    for (let i = 0; i < 3; i++) await change({ currentPassword: `guess-${i}-x`, newPassword: 'Other-pass-1' }).expect(422);
    await change({ currentPassword: 'guess-3-x', newPassword: 'Other-pass-1' }).expect(429);
  });

  it('sets and clears one\'s own e-mail, refusing a bad address at its field', async () => {
    const token = await login(t, s.users.filler);
    const patch = (body: object) => t.http.patch('/api/v1/auth/account').set('Authorization', `Bearer ${token}`).send(body);
    expect((await patch({ email: 'not an address' }).expect(422)).body).toMatchObject({ field: 'email' });
    expect((await patch({ email: 'filler@example.gov.cn' }).expect(200)).body.email).toBe('filler@example.gov.cn');
    expect((await patch({ email: null }).expect(200)).body.email).toBeNull();
    expect((await audit('user.email_changed')).map((e) => e.data.email)).toEqual(['filler@example.gov.cn', null]);
  });

  it('user:list shows names, units, roles, active and created, for one unit or all', async () => {
    expect((await t.cli('unit:add', 'u2', '第二单位')).code).toBe(0);
    await t.cli('user:add', 'zhao', '--role', 'chief', '--unit', 'u2', '--password', PASSWORD, '--display-name', '赵主任');
    await t.cli('user:deactivate', 'zhao');
    const all = await t.cli('user:list');
    expect(all.code).toBe(0);
    expect(all.out[0]).toMatch(/^username\s+display name\s+unit\s+roles\s+active\s+created$/);
    const wang = all.out.find((l) => l.startsWith('wang '))!;
    expect(wang).toMatch(new RegExp(`^wang\\s+王科员\\s+${s.unit} 测试单位${s.unit}\\s+filler\\s+yes\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ$`));
    expect(all.out.find((l) => l.startsWith('zhao '))).toMatch(/赵主任\s+u2 第二单位\s+chief\s+no\s/);
    // Columns line up, a CJK character counting as two.
    const column = (line: string) => [...line.slice(0, line.lastIndexOf(' yes ') + 1)].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(column(wang)).toBe(column(all.out.find((l) => l.startsWith(`${s.users.filler} `))!));

    const u2 = await t.cli('user:list', '--unit', 'u2');
    expect(u2.out).toHaveLength(2);
    expect((await t.cli('user:list', '--unit', 'nowhere')).code).toBe(2);
    expect((await t.cli('user:add', 'bad', '--role', 'filler', '--unit', 'u2', '--password', PASSWORD, '--email', 'nope')).code).toBe(2);
  });

  it('checks a token with one indexed lookup, about what the user lookup alone cost before: measured', async () => {
    const token = await login(t, s.users.filler);
    const auth = t.app.get(AuthService);
    const { sessionId, userId } = await auth.authenticateToken(token);
    const em = t.app.get(MikroORM).em;
    const n = 300;
    const work = {
      before: () => em.fork().findOne(User, { id: userId }, { populate: ['unit'] }),
      lookup: () => em.fork().findOne(UserSession, { id: sessionId! }, { populate: ['user', 'user.unit'], strategy: 'joined' }),
      whole: () => auth.authenticateToken(token),
    };
    const spent = { before: 0n, lookup: 0n, whole: 0n };
    // Interleaved, so the load of a shared machine weighs on each alike.
    for (let i = 0; i < n + 20; i++) {
      for (const name of ['before', 'lookup', 'whole'] as const) {
        const started = process.hrtime.bigint();
        await work[name]();
        if (i >= 20) spent[name] += process.hrtime.bigint() - started;
      }
    }
    const [before, lookup, whole] = [spent.before, spent.lookup, spent.whole].map((ns) => Number(ns) / 1e6 / n);
    // Printed for the record (machine-dependent); the bound only catches a lookup gone pathological (a scan, an N+1).
    process.stdout.write(`[${t.config.database.driver}] per call: user+unit lookup (before) ${before.toFixed(3)} ms, session+user+unit lookup ${lookup.toFixed(3)} ms, authenticateToken ${whole.toFixed(3)} ms\n`);
    expect(lookup).toBeLessThan(before * 3 + 1);
  });
});
