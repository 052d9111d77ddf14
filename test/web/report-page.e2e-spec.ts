import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAccess, screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

describe('统计报表 in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    // The channel refuses connections (port 9): this file is about the figures, not delivery.
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    const submit = async (externalId: string, body?: string) =>
      (await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, body ? { body } : {})).expect(202)).body.id as string;
    const passed = await submit('report-web-1');
    const waiting = await submit('report-web-2');
    const blocked = await submit('report-web-3', '绝密★长期 本件不得公开。');
    await waitForState(t, s.apiKey, blocked, 'blocked');
    await waitForState(t, s.apiKey, waiting, 'awaiting_filler');
    await waitForState(t, s.apiKey, passed, 'awaiting_filler');
    const filler = await login(t, s.users.filler);
    await t.http.post(`/api/v1/items/${passed}/decisions`).set('Authorization', `Bearer ${filler}`).send({ decision: 'approve', revision: 1 }).expect(200);
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

  it('gives the filler no report link, and the queue if they type the address', async () => {
    await expectNoAccess(chrome, base, s.users.filler, 'nav-report', '#/report');
  });
});
