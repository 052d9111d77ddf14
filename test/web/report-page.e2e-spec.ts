import { itemBody, login, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { expectNoAccess, screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

describe('统计报表 in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  let passed: string;

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    // The channel refuses connections (port 9): this file is about the figures, not delivery.
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    // 复审 is due two seconds after it starts, so the item 初审 passes on is overdue there; 初审 keeps its working days.
    expect((await t.cli('unit:set-due', '--unit', s.unit, '--leader', '2s')).code).toBe(0);
    const submit = async (externalId: string, body?: string) =>
      (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, body ? { body } : {})).expect(202)).body.id as string;
    passed = await submit('report-web-1');
    const waiting = await submit('report-web-2');
    const blocked = await submit('report-web-3', '绝密★长期 本件不得公开。');
    await waitForState(t, s.apiKey, blocked, 'blocked');
    await waitForState(t, s.apiKey, waiting, 'awaiting_filler');
    await waitForState(t, s.apiKey, passed, 'awaiting_filler');
    const filler = await login(t, s.users.filler);
    await t.http.post(`/api/v1/items/${passed}/decisions`).set('Authorization', `Bearer ${filler}`).send({ decision: 'approve', revision: 1 }).expect(200);
    const chief = await login(t, s.users.chief);
    await waitFor(async () => {
      const { body } = await t.http.get('/api/v1/reports/summary').set('Authorization', `Bearer ${chief}`).expect(200);
      return body.inPeriod.overdue === 1 && body.now.overdue.total === 1 ? true : undefined;
    }, 20_000, 'the 复审 of report-web-1 to pass its due time');
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it("shows the chief the unit's figures, by period, with the levels' review times", async () => {
    const page = await (await chrome.context()).newPage();
    await signIn(page, base, s.users.chief);
    await page.click('#nav-report');
    await page.waitForSelector('#report-awaiting');
    expect(await page.locator('h1').textContent()).toBe(`统计报表 · 测试单位${s.unit}`);
    // One waits for 初审, one for 复审; the blocked item waits for the secrecy administrator, not a review level.
    expect(await page.locator('#report-awaiting').textContent()).toMatch(/^待审核 2 件，等待最久的已等 /);
    const states = await page.locator('#report-states').textContent();
    expect(states).toContain('待初审1');
    expect(states).toContain('待复审1');
    expect(states).toContain('已拦截1');
    expect(await page.locator('#report-received').textContent()).toBe('新收稿件 3 件；撤稿 0 次；扫描 3 次：通过 2，需复核 0，拦截 1。');
    // 已超期: one item waits past 复审's due time now, and one level's due time passed in the period; both marked.
    expect(await page.locator('#report-overdue').textContent()).toBe('已超期 1 件（复审 1）。');
    expect(await page.locator('#report-overdue').getAttribute('class')).toContain('overdue');
    expect(await page.locator('#report-period-overdue').textContent()).toBe('本期超过办理时限 1 件次。');
    expect(await page.locator('#report-hits').textContent()).toContain('密级标志');
    expect(await page.locator('#report-review-times tr[data-level="filler"] td').first().textContent()).toBe('1');
    expect(await page.locator('#report-review-times tr[data-level="chief"]').textContent()).toBe('复核0———');
    expect(await page.locator('[data-period="week"]').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'report-week');

    // 本年 asks the server for this calendar year in China Standard Time; the items are all in it.
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/reports/summary?from='));
    await page.click('[data-period="year"]');
    const url = new URL((await asked).url());
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(url.searchParams.get('from')).toBe(`${today.slice(0, 4)}-01-01`);
    expect(url.searchParams.get('to')).toBe(today);
    await page.waitForSelector('[data-period="year"][aria-pressed="true"]');
    await page.waitForSelector('#report-received:has-text("新收稿件 3 件")');
  });

  it('shows the due time in the items list, 已超期 in words and in red, as a labelled fact of the card at 390 px', async () => {
    const page = await (await chrome.context({ width: 390, height: 844 })).newPage();
    await signIn(page, base, s.users.chief);
    await page.click('#nav-items');
    await page.waitForSelector('#list-status:has-text("本页 3 篇")');
    const due = page.locator(`#item-list tr[data-id="${passed}"] td.due`);
    expect(await due.textContent()).toMatch(/^已超期\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(await due.getAttribute('class')).toContain('overdue');
    expect(await due.evaluate((e) => getComputedStyle(e, '::before').content)).toContain('办理时限');
    expect(await due.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(179, 38, 30)');
    // The blocked item awaits no review level: no due time.
    const dues = await page.locator('#item-list td.due').allTextContents();
    expect(dues.filter((text) => text === '—')).toHaveLength(1);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'items-overdue-phone');
  });

  it('returns to the page asked for after signing in, and to the queue when the role may not see it', async () => {
    const signInAt = async (hash: string, username: string) => {
      const page = await (await chrome.context()).newPage();
      await page.goto(`${base}/${hash}`);
      await page.fill('#username', username);
      await page.fill('#password', PASSWORD);
      await page.click('form.login-form button[type=submit]');
      return page;
    };
    const report = await signInAt('#/report', s.users.chief);
    await report.waitForSelector('#report-awaiting');
    expect(new URL(report.url()).hash).toBe('#/report');
    const list = await signInAt('#/items', s.users.filler);
    await list.waitForSelector('#list-status:has-text("本页")');
    expect(await list.title()).toBe('稿件列表 · 密审');
    const account = await signInAt('#/account', s.users.filler);
    await account.waitForFunction(() => document.title === '账户设置 · 密审');
    const refused = await signInAt('#/report', s.users.filler);
    await refused.waitForSelector('#queue', { state: 'attached' });
    expect(await refused.title()).toBe('我的待审 · 密审');
  });

  it('gives the filler no report link, and the queue if they type the address', async () => {
    await expectNoAccess(chrome, base, s.users.filler, 'nav-report', '#/report');
  });
});
