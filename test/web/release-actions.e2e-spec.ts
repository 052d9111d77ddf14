import type { Page } from 'playwright-core';
import { addChannel, deliveriesOf, DeliveryJson, newSecret, submitAndApprove, Tokens, tokensOf } from '../publishing/publishing-fixtures';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { itemBody, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

describe('撤稿, 重新投递 and queue paging in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let base: string;
  let chrome: TestBrowser;
  let portal: WebhookReceiver;
  let wechat: WebhookReceiver;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    // Real channels on this machine: the portal takes everything, wechat refuses its first request with a 400.
    const portalSecret = newSecret();
    const wechatSecret = newSecret();
    portal = await WebhookReceiver.start(portalSecret);
    wechat = await WebhookReceiver.start(wechatSecret, (_, n) => (n === 0 ? 400 : 200));
    await addChannel(t, 'portal', portal.url, portalSecret);
    await addChannel(t, 'wechat', wechat.url, wechatSecret);
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
    await portal?.close();
    await wechat?.close();
  });

  const openPage = async () => {
    const page = await (await chrome.context()).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  };
  const openItem = async (page: Page, id: string) => {
    await page.goto(`${base}/#/items/${id}`);
    await page.waitForSelector('#doc-body');
  };
  const deliveryRow = (page: Page, channel: string, kind: string) => page.locator(`#deliveries li[data-channel="${channel}"][data-kind="${kind}"]`);

  afterEach(() => expect(cspViolations).toEqual([]));

  it('lets a chief recall a published item with a reason; the channel hears item.recalled; a filler has no 撤稿', async () => {
    const id = await submitAndApprove(t, s, tokens, 'web-recall', { title: '关于调整办事指南的通知', channels: ['portal'] });
    await waitForState(t, s.apiKey, id, 'published');

    const filler = await openPage();
    await signIn(filler, base, s.users.filler);
    await openItem(filler, id);
    await deliveryRow(filler, 'portal', 'release').waitFor();
    expect(await filler.locator('#recall, #recall-button').count()).toBe(0);
    expect(await filler.locator('#decide').textContent()).toContain('不需要您处理');

    // The leader opens the item too; by the time they act, the chief has recalled it.
    const leader = await openPage();
    await signIn(leader, base, s.users.leader);
    await openItem(leader, id);

    const chief = await openPage();
    await signIn(chief, base, s.users.chief);
    await openItem(chief, id);
    let recallsSent = 0;
    chief.on('request', (r) => (recallsSent += r.url().endsWith('/recall') ? 1 : 0));
    await chief.click('#recall-button');
    expect(await chief.locator('#recall-error').textContent()).toContain('撤稿必须填写理由');
    expect(await chief.evaluate(() => document.activeElement?.id)).toBe('recall-comment');
    expect(recallsSent).toBe(0);
    // The server refuses a blank reason on its own as well.
    await t.http.post(`/api/v1/items/${id}/recall`).set('Authorization', `Bearer ${tokens.chief}`).send({ comment: '   ' }).expect(422);

    await chief.fill('#recall-comment', '办事指南中的收费标准已废止，须下架');
    // A recall cannot be undone: the first click only asks, naming the channels; 取消 steps back.
    await chief.click('#recall-button');
    expect(await chief.locator('#recall-confirm-text').textContent()).toContain('门户网站');
    expect(await chief.evaluate(() => document.activeElement?.id)).toBe('recall-cancel');
    await chief.click('#recall-cancel');
    expect(await chief.locator('#recall-confirm-box').isHidden()).toBe(true);
    expect(recallsSent).toBe(0);
    await chief.click('#recall-button');
    await chief.click('#recall-confirm');
    await chief.waitForSelector('#notice.notice-success:has-text("已撤稿")');
    expect(await chief.locator('#notice').textContent()).toContain('已通知门户网站下架');
    expect(await chief.locator('#item-state').textContent()).toBe('已撤稿');
    expect(await chief.locator('#recall-button').count()).toBe(0);
    // The written reason stands in the item's record.
    expect(await chief.locator('#history').textContent()).toContain('办事指南中的收费标准已废止，须下架');
    // The recall delivery shows up and the page follows it to 已送达 without a reload.
    await chief.waitForSelector('#deliveries li[data-channel="portal"][data-kind="recall"]:has-text("已送达")');
    expect(await deliveryRow(chief, 'portal', 'release').textContent()).toContain('已送达');
    await screenshot(chief, 'item-recalled');

    const recalled = await waitFor(async () => portal.events().find((e) => e.event === 'item.recalled' && e.itemId === id), 30_000, 'item.recalled at the portal');
    expect(recalled).toMatchObject({ event: 'item.recalled', itemId: id, channel: 'portal', revision: 1 });
    expect(portal.received.filter((r) => r.json.itemId === id).every((r) => r.verified)).toBe(true);

    // The leader's page is stale: the refusal is explained and the item reloaded as it is now.
    await leader.fill('#recall-comment', '同意撤稿');
    await leader.click('#recall-button');
    await leader.click('#recall-confirm');
    await leader.waitForSelector('#notice[role="alert"]');
    expect(await leader.locator('#notice').textContent()).toContain('已没有渠道在发布它，无须撤稿');
    expect(await leader.locator('#item-state').textContent()).toBe('已撤稿');
    expect(await leader.locator('#recall-button').count()).toBe(0);
  });

  it('lets an admin redeliver a failed delivery (400, then 200) and shows it 已送达; others get no button', async () => {
    const id = await submitAndApprove(t, s, tokens, 'web-redeliver', { title: '关于公布便民服务电话的通知', channels: ['wechat'] });
    const failed = await waitFor(async () => (await deliveriesOf(t, s.apiKey, id)).find((d: DeliveryJson) => d.channel === 'wechat' && d.status === 'failed'), 30_000, 'the wechat release to fail');
    expect(failed.attempts.map((a) => a.statusCode)).toEqual([400]);

    const chief = await openPage();
    await signIn(chief, base, s.users.chief);
    await openItem(chief, id);
    await chief.waitForSelector('#deliveries li[data-channel="wechat"][data-kind="release"]:has-text("发送失败")');
    expect(await chief.locator('button[data-redeliver]').count()).toBe(0);

    const admin = await openPage();
    await signIn(admin, base, s.users.admin);
    await openItem(admin, id);
    const redeliver = admin.locator(`#deliveries button[data-redeliver="${failed.id}"]`);
    await redeliver.waitFor();
    expect(await deliveryRow(admin, 'wechat', 'release').textContent()).toContain('HTTP 400');
    await screenshot(admin, 'delivery-failed');
    // Keyboard: the button is reachable and works with Enter.
    await redeliver.focus();
    await admin.keyboard.press('Enter');
    await admin.waitForSelector('#deliveries-notice.notice-success:has-text("已重新投递到微信公众号")');
    await admin.waitForSelector('#deliveries li[data-channel="wechat"][data-kind="release"]:has-text("已送达")');
    expect(await admin.locator('button[data-redeliver]').count()).toBe(0);
    expect(await deliveryRow(admin, 'wechat', 'release').textContent()).toContain('已尝试 2 次');
    await screenshot(admin, 'delivery-redelivered');

    const releases = wechat.received.filter((r) => r.json.itemId === id);
    expect(releases.map((r) => r.json.event)).toEqual(['item.released', 'item.released']);
    expect(releases[1].id).toBe(releases[0].id);
    await waitForState(t, s.apiKey, id, 'published');
  });

  it('appends the next page with 加载更多, and the 15-second refresh keeps the appended rows in place', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `web-page-${n}`, { title: `分页测试稿件第${n}篇` })).expect(202);
      ids.push(response.body.id as string);
    }
    for (const id of ids) await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const all = await t.http.get('/api/v1/reviews/queue?limit=200').set('Authorization', `Bearer ${tokens.filler}`).expect(200);
    const order = (all.body.items as Array<{ id: string }>).map((e) => e.id);
    expect(order.length).toBe(5);

    const page = await openPage();
    await page.clock.install();
    await signIn(page, base, s.users.filler);
    // A two-row page (?pageSize=2), so five items take three pages; the session carries over in this tab.
    await page.goto(`${base}/?pageSize=2#/queue`);
    await page.waitForSelector('#queue-status:has-text("共 2+ 篇")');
    const rowIds = () => page.$$eval('#queue tbody tr', (rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(await rowIds()).toEqual(order.slice(0, 2));
    const firstRow = await page.$('#queue tbody tr');

    await page.focus('#queue-more');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue-status:has-text("共 4+ 篇")');
    expect(await rowIds()).toEqual(order.slice(0, 4));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('queue-more');
    await screenshot(page, 'queue-paged');

    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue-status:has-text("共 5 篇")');
    expect(await rowIds()).toEqual(order);
    expect(await page.locator('#queue-more').isHidden()).toBe(true);
    // The button went away under the keyboard; focus moved to the last row, not to the page.
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-id'))).toBe(order[4]);

    const thirdPageRow = await page.$(`tr[data-id="${order[4]}"]`);
    const footTop = await page.locator('.queue-foot').evaluate((e) => e.getBoundingClientRect().top);
    const status = await page.locator('#queue-status').textContent();
    let queueCalls = 0;
    page.on('request', (r) => (queueCalls += r.url().includes('/reviews/queue') ? 1 : 0));
    await page.clock.runFor(15_000);
    await waitFor(async () => (queueCalls >= 3 ? true : undefined), 30_000, 'the timed refresh to walk three pages');
    await page.waitForSelector('#queue-status:has-text("共 5 篇")');
    await waitFor(async () => ((await page.locator('#queue-status').textContent()) !== status ? true : undefined), 30_000, 'the refresh time to change');
    expect(await rowIds()).toEqual(order);
    expect(await firstRow?.evaluate((row) => row.isConnected)).toBe(true);
    expect(await thirdPageRow?.evaluate((row) => row.isConnected)).toBe(true);
    expect(await page.locator('.queue-foot').evaluate((e) => e.getBoundingClientRect().top)).toBe(footTop);
  });
});
