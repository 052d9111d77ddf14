import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { itemBody, login, seedUnit, Seeded, SubmitBody, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

interface HitView {
  text: string;
  category: string;
  severity: string;
  field: string;
}

const FLOW_BODY = [
  '各科室、各乡镇：',
  '　　现将《2026年政务公开工作方案（征求意见稿）》印发给你们，请结合实际认真贯彻落实。',
  '　　附件所列尚未公布的统计数据以统计部门发布为准。',
  '　　联系人：王科长，手机13812345678，办公电话0817-2222222。',
].join('\n');

describe('reviewer web page in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  let portal: Server;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    // The portal channel is a real endpoint on this machine that accepts every release.
    portal = createServer((request, response) => request.resume().on('end', () => response.writeHead(200).end()));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const channel = await t.cli('channel:add', 'portal', '--url', `http://127.0.0.1:${(portal.address() as AddressInfo).port}/hook`);
    if (channel.code !== 0) throw new Error(channel.err.join('\n'));
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
    portal?.close();
  });

  const submit = async (externalId: string, overrides: Partial<SubmitBody> = {}) => {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, overrides)).expect(202);
    return response.body.id as string;
  };
  const decideOverApi = async (id: string, who: keyof Seeded['users'], body: object) => {
    const token = await login(t, s.users[who]);
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${token}`).send(body).expect(200);
  };
  const openPage = async (viewport?: { width: number; height: number }) => {
    const page = await (await chrome.context(viewport)).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  };
  const openItem = async (page: Page, id: string) => {
    await page.goto(`${base}/#/items/${id}`);
    await page.waitForSelector('#doc-body');
  };
  /** The text of every highlight carrying hit `index`, in document order. */
  const highlightText = (page: Page, index: number) =>
    page.$$eval(`mark[data-hits~="${index}"]`, (marks) => marks.map((m) => m.textContent ?? '').join(''));

  afterEach(() => expect(cspViolations).toEqual([]));

  it('serves the page and every API answer with strict security headers', async () => {
    const page = await t.http.get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<script type="module" src="/js/main.js"></script>');
    const api = await t.http.get('/api/v1/reviews/queue').expect(401);
    const missing = await t.http.get('/no-such-page').expect(404);
    const script = await t.http.get('/js/main.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    // Answers the body parser gives before any route runs carry the headers too.
    const malformed = await t.http.post('/api/v1/items').set('Content-Type', 'application/json').send('{"x":').expect(400);
    for (const response of [page, api, missing, script, malformed]) {
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    }
    expect(api.headers['cache-control']).toBe('no-store');
    await t.http.get('/js/..%2Fpackage.json').expect(404);
  });

  it('carries one item through 初审, 复审 and 复核 to approved, signing in as each reviewer in turn', async () => {
    // Nested terms of one severity count once; an info-level term around a stricter one keeps both, nested.
    const term = await t.cli('lexicon:add', '附件所列尚未公布的统计数据', '--category', 'sensitive-term', '--severity', 'info', '--note', '嵌套高亮测试');
    expect(term.code).toBe(0);
    const id = await submit('web-flow', { title: '关于印发2026年政务公开工作方案的通知', body: FLOW_BODY });
    const scanned = await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const hits = (scanned.scan as { hits: HitView[] }).hits;
    expect(hits.map((h) => h.category).sort()).toEqual(['personal-info', 'process-info', 'sensitive-term', 'sensitive-term']);

    const filler = await openPage();
    await signIn(filler, base, s.users.filler);
    const row = filler.locator(`tr[data-id="${id}"]`);
    await expect(row.textContent()).resolves.toContain('关于印发2026年政务公开工作方案的通知');
    expect(await row.locator('.badge').textContent()).toBe('需复核');
    expect(await row.locator('.chips').textContent()).toContain('个人信息 1');
    expect(await row.locator('td').nth(2).textContent()).toBe('初审');
    await screenshot(filler, 'queue');

    await row.locator('a').click();
    await filler.waitForSelector('#doc-body');
    // Every highlight holds exactly its hit's text, nested ones (附件所列尚未公布的统计数据 ⊃ 尚未公布的统计数据) included.
    for (let i = 0; i < hits.length; i++) expect(await highlightText(filler, i)).toBe(hits[i].text);
    expect(await filler.locator('mark.hl-nested').count()).toBeGreaterThan(0);
    expect(await filler.locator('#doc-body').textContent()).toBe(FLOW_BODY);

    // The hit list moves focus to the highlight and the tooltip explains it.
    const mobile = hits.findIndex((h) => h.category === 'personal-info');
    await filler.click(`button.hit-jump[data-hit="${mobile}"]`);
    expect(await filler.evaluate(() => document.activeElement?.getAttribute('data-hits'))).toBe(String(mobile));
    await filler.waitForSelector('#hit-tip:not([hidden])');
    expect(await filler.locator('#hit-tip').textContent()).toContain('138****5678');
    await screenshot(filler, 'item-page');

    // Keyboard: Escape closes the explanation; Tab from the back link reaches the first highlight and opens it.
    await filler.keyboard.press('Escape');
    await filler.waitForSelector('#hit-tip', { state: 'hidden' });
    await filler.focus('.crumbs a');
    await filler.keyboard.press('Tab');
    expect(await filler.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
    await filler.waitForSelector('#hit-tip:not([hidden])');

    // 退回 without a reason is stopped in the page; nothing is sent.
    let decisionsSent = 0;
    filler.on('request', (r) => (decisionsSent += r.url().endsWith('/decisions') ? 1 : 0));
    await filler.click('button[data-action="reject"]');
    expect(await filler.locator('#comment-error').textContent()).toContain('必须填写意见');
    expect(decisionsSent).toBe(0);

    // 通过 at 初审 records each review-level hit first (verified or false positive).
    for (const choice of await filler.locator('#dispositions input[data-outcome="verified"]').all()) await choice.check();
    await filler.click('button[data-action="approve"]');
    await filler.waitForSelector('.notice-success:has-text("已通过")');
    await waitForState(t, s.apiKey, id, 'awaiting_leader');
    await filler.click('#sign-out');
    await filler.waitForSelector('#username');

    const leader = await openPage({ width: 800, height: 1024 });
    await signIn(leader, base, s.users.leader);
    await leader.locator(`tr[data-id="${id}"] a`).click();
    await leader.waitForSelector('button[data-action="approve"]');
    await leader.fill('#comment', '同意发布，已核对联系人信息');
    await screenshot(leader, 'item-page-tablet');
    await leader.click('button[data-action="approve"]');
    await leader.waitForSelector('.notice-success:has-text("已通过")');
    await waitForState(t, s.apiKey, id, 'awaiting_chief');

    const chief = await openPage();
    await signIn(chief, base, s.users.chief);
    await openItem(chief, id);
    expect(await chief.locator('#history').textContent()).toContain('同意发布，已核对联系人信息');
    await chief.click('button[data-action="approve"]');
    await chief.waitForSelector('.notice-success:has-text("已通过")');
    const released = await waitForState(t, s.apiKey, id, 'published');
    expect((released.decisions as Array<{ level: string; by: string }>).map((d) => [d.level, d.by])).toEqual([
      ['filler', s.users.filler],
      ['leader', s.users.leader],
      ['chief', s.users.chief],
    ]);
    await openItem(chief, id);
    expect(await chief.locator('#item-state').textContent()).toBe('已发布');
    await chief.waitForSelector('#deliveries li[data-channel="portal"]');
    expect(await chief.locator('#deliveries li[data-channel="portal"]').textContent()).toContain('已送达');
    await screenshot(chief, 'item-published');
  });

  it('shows submitted markup as inert text: no dialog, no request to the onerror URL', async () => {
    const probe = `${base}/xss-probe`;
    const textBody = `<script>alert('x')</script>\n<img src=${probe}-text onerror="alert(document.cookie)">\n联系人手机13812345678`;
    const htmlBody = `<p>通知正文</p><img src="${probe}-html" onerror="alert(1)" alt="机密★5年"><p>手机：<b>138</b>12345678</p>`;
    const textId = await submit('web-xss-text', { title: '<img src=x onerror=alert(2)>', body: textBody });
    const htmlId = await submit('web-xss-html', { body: htmlBody, format: 'html' });
    await waitForState(t, s.apiKey, textId, 'awaiting_filler');
    await waitForState(t, s.apiKey, htmlId, 'blocked');

    const page = await openPage();
    const dialogs: string[] = [];
    const probes: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url().includes('xss-probe')) probes.push(request.url());
    });
    await signIn(page, base, s.users.admin);
    await openItem(page, textId);
    expect(await page.locator('#doc-body').textContent()).toBe(textBody);
    expect(await page.locator('#doc-title').textContent()).toBe('<img src=x onerror=alert(2)>');
    expect(await page.locator('#doc-body img, #doc-body script, #doc-title img').count()).toBe(0);

    // An HTML item shows its extracted text; highlights use plainStart/plainEnd.
    await openItem(page, htmlId);
    const view = (await t.http.get(`/api/v1/items/${htmlId}`).set('X-Api-Key', s.apiKey)).body as { plainText: string; scan: { hits: Array<HitView & { plainStart: number; plainEnd: number }> } };
    expect(await page.locator('#doc-body').textContent()).toBe(view.plainText);
    for (let i = 0; i < view.scan.hits.length; i++) {
      const hit = view.scan.hits[i];
      expect(await highlightText(page, i)).toBe(view.plainText.slice(hit.plainStart, hit.plainEnd));
    }
    expect(await page.locator('mark.hl-block').first().textContent()).toBe('机密★5年');
    expect(await page.locator('#doc-body img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(probes).toEqual([]);
  });

  it('explains a refused decision (409) in plain words and reloads the item', async () => {
    const id = await submit('web-conflict');
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    const first = await openPage();
    const second = await openPage();
    await signIn(first, base, s.users.filler);
    await signIn(second, base, s.users.filler);
    await openItem(first, id);
    await openItem(second, id);

    await first.click('button[data-action="approve"]');
    await first.waitForSelector('.notice-success');
    await second.click('button[data-action="approve"]');
    const notice = second.locator('#notice[role="alert"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('其他审核人员已经处理了这篇稿件，现在等待复审');
    // Reloaded: the state is the new one and the filler has no buttons any more.
    expect(await second.locator('#item-state').textContent()).toBe('待复审');
    expect(await second.locator('button[data-action]').count()).toBe(0);
  });

  it('lets the secrecy administrator lift a block with a reason and return a referred item to its level', async () => {
    const blocked = await submit('web-blocked', { body: '机密★10年\n关于某项工作的通知' });
    const referred = await submit('web-referred');
    await waitForState(t, s.apiKey, blocked, 'blocked');
    await waitForState(t, s.apiKey, referred, 'awaiting_filler');
    await decideOverApi(referred, 'filler', { decision: 'approve', revision: 1 });
    await decideOverApi(referred, 'leader', { decision: 'refer', revision: 1, comment: '涉及敏感内容，请保密办审查' });

    const admin = await openPage();
    await signIn(admin, base, s.users.admin);
    expect(await admin.locator(`tr[data-id="${blocked}"] td`).nth(2).textContent()).toBe('拦截待处置');
    expect(await admin.locator(`tr[data-id="${referred}"] td`).nth(2).textContent()).toBe('报审待处理');

    await admin.locator(`tr[data-id="${blocked}"] a`).click();
    await admin.waitForSelector('button[data-action="override"]');
    expect(await admin.locator('mark.hl-block').textContent()).toBe('机密★10年');
    await screenshot(admin, 'admin-blocked');
    await admin.click('button[data-action="override"]');
    expect(await admin.locator('#comment-error').textContent()).toContain('解除拦截必须填写意见');
    await admin.fill('#comment', '标志为培训材料中的示例文本，经保密办确认');
    await admin.click('button[data-action="override"]');
    // The second confirmation names the marking being lifted.
    await admin.check('#confirm-marking');
    await admin.click('button[data-action="override"]');
    await admin.waitForSelector('.notice-success:has-text("已解除拦截")');
    await waitForState(t, s.apiKey, blocked, 'awaiting_filler');

    await openItem(admin, referred);
    await admin.fill('#comment', '经审查可以公开');
    await admin.click('button[data-action="return"]');
    await admin.waitForSelector('.notice-success:has-text("已退回原审核环节")');
    await waitForState(t, s.apiKey, referred, 'awaiting_leader');
  });

  it('updates queue rows in place on refresh, and goes back to sign-in when the session is refused', async () => {
    const page = await openPage();
    await signIn(page, base, s.users.filler);
    const rows = await page.locator('#queue tbody tr').count();
    const firstRow = await page.$("#queue tbody tr");
    expect(firstRow).not.toBeNull();
    const id = await submit('web-refresh', { title: '关于新增事项的通知' });
    await waitForState(t, s.apiKey, id, 'awaiting_filler');
    await page.click('text=立即刷新');
    await page.waitForSelector(`tr[data-id="${id}"]`);
    expect(await page.locator('#queue tbody tr').count()).toBe(rows + 1);
    expect(await firstRow?.evaluate((row) => row.isConnected)).toBe(true);

    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('clearance.session') ?? '{}') as { token: string };
      sessionStorage.setItem('clearance.session', JSON.stringify({ ...session, token: 'not-a-token' }));
    });
    await page.click('text=立即刷新');
    await page.waitForSelector('#username');
    expect(await page.locator('.login-form .notice').textContent()).toContain('请重新登录');
  });
});
