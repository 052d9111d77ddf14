import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(120_000);

describe('the header’s notification badge in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;

  beforeAll(async () => {
    buildClient();
    t = await startTestApp({ REVIEW_DUE: '2s', DIGEST_DAILY_AT: 'off', DIGEST_WEEKLY_AT: 'off' });
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it('shows what awaits me and what is overdue, and nothing to whom nothing waits', async () => {
    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'badge-1')).expect(202);
    await waitForState(t, s.apiKey, submitted.body.id, 'awaiting_filler');
    await new Promise((r) => setTimeout(r, 2500));

    const page = await (await chrome.context()).newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await signIn(page, base, s.users.filler);
    const badge = page.locator('#notice-badge');
    await badge.waitFor({ state: 'visible' });
    await page.locator('#notice-awaiting:has-text("1")').waitFor();
    await page.locator('#notice-overdue:has-text("超时 1")').waitFor({ state: 'visible' });
    expect(await badge.getAttribute('href')).toBe('#/queue');
    expect(await badge.getAttribute('title')).toBe('待我审核 1 件，其中超时 1 件');
    await screenshot(page, 'notice-badge');

    // My own claim on the item page asks again at once, not at the next minute (no navigation happens).
    await page.goto(`${base}/#/items/${submitted.body.id}`);
    await page.locator('#claim-button').waitFor({ state: 'visible' });
    await page.locator('#claim-due.overdue:has-text("已超期")').waitFor();
    const askedAgain = page.waitForRequest((r) => r.url().endsWith('/api/v1/notifications/summary'), { timeout: 5000 });
    await page.click('#claim-button');
    await askedAgain;
    await page.locator('#claim-status:has-text("您已认领")').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/items/${submitted.body.id}`);

    const leader = await (await chrome.context()).newPage();
    const answered = leader.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/summary'));
    await signIn(leader, base, s.users.leader);
    expect((await answered).status()).toBe(200);
    expect(await leader.locator('#notice-badge').isHidden()).toBe(true);
    expect(violations).toEqual([]);
  });
});
