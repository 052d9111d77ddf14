import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { itemBody, login, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { serveWithBrowser, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

const DOCS = join(__dirname, '../../docs/screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The page keeps a session alive while the reviewer works, warns before it expires, and keeps typed opinions across a new sign-in. */
describe('sessions and the account page in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  const queue = (token: string) => t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${token}`);
  const storedToken = (page: Page) => page.evaluate(() => (JSON.parse(sessionStorage.getItem('clearance.session') ?? '{}') as { token?: string }).token ?? null);
  const shot = async (page: Page, name: string, fullPage = false) => {
    mkdirSync(DOCS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, `${name}.png`), fullPage });
  };

  /** A page whose clock the test moves (timers and Date), signed in as `username`. */
  async function signedIn(username: string, viewport = DESKTOP, password = PASSWORD, hash = '#/queue'): Promise<Page> {
    const page = await (await chrome.context(viewport)).newPage();
    await page.clock.install();
    await page.goto(`${base}/${hash}`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('#nav-account');
    return page;
  }

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    for (const [name, display] of [['zhou', '周审核'], ['sun-desktop', '孙科长'], ['sun-phone', '孙科长']]) {
      expect((await t.cli('user:add', name, '--role', 'filler', '--unit', s.unit, '--password', PASSWORD, '--display-name', display)).code).toBe(0);
    }
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it.each([['phone', PHONE], ['desktop', DESKTOP]] as const)('shows names in the header and warns an idle page before expiry; 继续 renews the session (%s)', async (name, viewport) => {
    const page = await signedIn('zhou', viewport);
    expect(await page.locator('#nav-account').textContent()).toBe('周审核');
    expect(await page.locator('#who-unit').textContent()).toContain(`测试单位${s.unit}`);
    const first = await storedToken(page);
    expect(await page.locator('#session-warning').isVisible()).toBe(false);

    // 13 min idle of a 15 min token: the warning is up, counting down.
    await page.clock.fastForward('13:05');
    await page.waitForSelector('#session-warning:visible');
    expect(await page.locator('#session-warning-text').textContent()).toMatch(/登录将在 1:\d\d 后过期/);
    await shot(page, `session-warning-${name}`);

    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh') && r.status() === 200);
    await page.click('#session-continue');
    await refreshed;
    await page.waitForSelector('#session-warning', { state: 'hidden' });
    const second = await storedToken(page);
    expect(second).not.toBe(first);
    await queue(second!).expect(200);
    // The renewed token runs 15 minutes from now: 5 more minutes bring no warning, and the page is still signed in.
    await page.clock.fastForward('05:00');
    expect(await page.locator('#session-warning').isVisible()).toBe(false);
    expect(await page.locator('#nav-account').count()).toBe(1);
    await page.context().close();
  });

  it('keeps a typed opinion through an expiry and a new sign-in, and clears it on sign-out (phone)', async () => {
    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'draft-1')).expect(202);
    const id = submitted.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const page = await signedIn(s.users.filler, PHONE, PASSWORD, `#/items/${id}`);
    await page.waitForSelector('#comment');
    const opinion = '联系电话为单位值班电话，可以公开；请核对落款日期。';
    await page.fill('#comment', opinion);

    // Idle past the token's end: the page signs out by itself.
    await page.clock.fastForward('15:30');
    await page.waitForSelector('form.login-form');
    expect(await page.locator('.login-form .notice').textContent()).toContain('已填写的审核意见已保留');
    await page.fill('#username', s.users.filler);
    await page.fill('#password', PASSWORD);
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('#comment');
    expect(await page.inputValue('#comment')).toBe(opinion);

    // Another person signing in at this browser does not see it, and an explicit sign-out removes it.
    await page.click('#sign-out');
    await page.waitForSelector('form.login-form');
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('clearance.draft.')))).toEqual([]);
    await page.context().close();
  });

  it('ends the session on the server when 退出 is pressed', async () => {
    const page = await signedIn('zhou');
    const token = (await storedToken(page))!;
    await queue(token).expect(200);
    await page.click('#sign-out');
    await page.waitForSelector('form.login-form');
    expect(await page.locator('.login-form .notice').textContent()).toContain('您已退出登录');
    expect((await queue(token).expect(401)).body.message).toMatch(/session has ended/);
    await page.context().close();
  });

  it.each([['desktop', DESKTOP], ['phone', PHONE]] as const)('changes the password on the account page, refusing a wrong current one at its field (%s)', async (name, viewport) => {
    const [user, password, next] = [`sun-${name}`, PASSWORD, 'Sun-new-pass-1'];
    const elsewhere = await login(t, user, password);
    const page = await signedIn(user, viewport, password);
    await page.click('#nav-account');
    await page.waitForSelector('#account-name:has-text("孙科长")');
    expect(await page.locator('#account-unit').textContent()).toBe(`测试单位${s.unit}（${s.unit}）`);
    expect(await page.locator('#password-rules').textContent()).toContain('至少 8 个字符');

    await page.fill('#current-password', 'not-my-password-1');
    await page.fill('#new-password', next);
    await page.fill('#new-password-again', next);
    await page.click('#password-submit');
    await page.waitForSelector('#current-password[aria-invalid="true"]');
    expect(await page.locator('#password-error').textContent()).toBe('当前密码不正确。');

    await page.fill('#current-password', password);
    await page.fill('#new-password-again', `${next}x`);
    await page.click('#password-submit');
    expect(await page.locator('#password-error').textContent()).toBe('两次输入的新密码不一致。');

    await page.fill('#new-password-again', next);
    await page.click('#password-submit');
    await page.waitForSelector('#account-notice:has-text("密码已修改")');
    expect(await page.locator('#account-notice').textContent()).toBe('密码已修改，其他 1 处登录已退出。');
    await queue(elsewhere).expect(401);
    await queue((await storedToken(page))!).expect(200);
    await login(t, user, next);

    await page.fill('#account-email', 'sun@example.gov.cn');
    await page.click('#email-submit');
    await page.waitForSelector('#account-notice:has-text("通知邮箱已保存")');
    await shot(page, `account-${name}`, true);
    // Nothing on the page is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.context().close();
  });
});
