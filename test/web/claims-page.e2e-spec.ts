import type { Page } from 'playwright-core';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { itemBody, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

describe('认领, 办理时限 and 投递失败 in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let base: string;
  let chrome: TestBrowser;
  let strict: WebhookReceiver;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    buildClient();
    t = await startTestApp({ REVIEW_DUE: '90m' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    expect((await t.cli('user:add', 'filler2', '--role', 'filler', '--unit', s.unit, '--password', PASSWORD)).code).toBe(0);
    const secret = newSecret();
    strict = await WebhookReceiver.start(secret, () => 400);
    await addChannel(t, 'strict', strict.url, secret);
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
    await strict?.close();
  });
  afterEach(() => expect(cspViolations).toEqual([]));

  const openPage = async (username: string) => {
    const page = await (await chrome.context()).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await signIn(page, base, username);
    return page;
  };
  const openItem = async (page: Page, id: string) => {
    await page.goto(`${base}/#/items/${id}`);
    await page.waitForSelector('#doc-body');
    await page.waitForSelector('#claim-status:not(:has-text("正在查询"))');
  };

  it('shows the holder and the due time to the other reviewer, and offers 认领 again once released', async () => {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'web-claim', { title: '关于<b>认领</b>测试的通知', channels: ['strict'] })).expect(202);
    const id = response.body.id as string;
    await waitForState(t, s.apiKey, id, 'awaiting_filler');

    const holder = await openPage(s.users.filler);
    await openItem(holder, id);
    await holder.waitForSelector('#claim-due:has-text("初审办理时限")');
    await holder.click('#claim-button');
    await holder.waitForSelector('#claim-status:has-text("您已认领本稿件")');
    await holder.waitForSelector('#claim-release:has-text("释放")');

    const other = await openPage('filler2');
    // The queue names the holder under the title and shows the level's due time.
    const row = other.locator(`#queue tr[data-id="${id}"]`);
    await row.waitFor();
    await waitFor(async () => ((await row.locator('.claim-holder').textContent())?.includes(s.users.filler) ? true : undefined), 20_000, 'the holder in the queue');
    expect(await row.locator('td.due').textContent()).toMatch(/\d{2}:\d{2}/);
    // The submitted title stays text.
    expect(await row.locator('.queue-link').textContent()).toBe('关于<b>认领</b>测试的通知');
    await openItem(other, id);
    await other.waitForSelector(`#claim-status:has-text("${s.users.filler} 已认领本稿件")`);
    expect(await other.locator('#claim-button').isHidden()).toBe(true);
    await screenshot(other, 'claim-held-by-other');
    // Deciding anyway is refused, in Chinese, naming the holder.
    await other.click('button[data-action="approve"]');
    const refusal = other.locator('#notice[role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${s.users.filler} 已认领这篇稿件（初审）`);
    expect(await other.locator('#item-state').textContent()).toBe('待初审');

    await holder.click('#claim-release');
    await holder.waitForSelector('#claim-status:has-text("暂无人认领")');
    await other.reload();
    await other.waitForSelector('#claim-status:has-text("暂无人认领")');
    await other.waitForSelector('#claim-button:visible');
  });

  it('lists a failed release for the secrecy administrator, who dismisses it with a reason', async () => {
    const id = await submitAndApprove(t, s, tokens, 'web-failed', { title: '关于投递失败测试的通知', channels: ['strict'] });
    await waitFor(async () => {
      const list = await t.http.get('/api/v1/deliveries/failed').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
      return list.body.deliveries.some((d: { itemId: string }) => d.itemId === id) ? true : undefined;
    }, 20_000, 'the failed release');
    const filler = await openPage(s.users.filler);
    expect(await filler.locator('#nav-failed').count()).toBe(0);

    const admin = await openPage(s.users.admin);
    await admin.click('#nav-failed');
    const row = admin.locator('#failed-deliveries tbody tr').filter({ hasText: '关于投递失败测试的通知' });
    await row.waitFor();
    expect(await row.textContent()).toContain('HTTP 400');
    await screenshot(admin, 'failed-deliveries');
    await row.locator('button[data-action="dismiss"]').click();
    await admin.waitForSelector('#failed-notice:has-text("必须填写处理说明")');
    await row.locator('input').fill('渠道已停用，已人工发布');
    await row.locator('button[data-action="dismiss"]').click();
    await admin.waitForSelector('#failed-notice:has-text("已将「关于投递失败测试的通知」标记为已处理")');
    await admin.waitForSelector('text=没有投递失败的稿件。');
  });
});
