import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { serveWithBrowser, signIn, TestBrowser } from '../web/support/browser';
import { buildClient } from '../web/support/client-build';

jest.setTimeout(180_000);

const DOCS = join(__dirname, '../../docs/screenshots');

/** The two operator pages in a real browser: the API documentation and the queue dashboard reached from /ops. */
describe('the documentation page and the queue dashboard in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  const shot = async (page: Page, name: string) => {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, `${name}.png`), fullPage: false });
  };
  /** Console errors (a CSP refusal shows up there) and requests that left 127.0.0.1. */
  const watch = (page: Page) => {
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`); });
    page.on('response', (response) => { if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`); });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('request', (request) => { if (!request.url().startsWith(base) && !request.url().startsWith('data:')) problems.push(`outside: ${request.url()}`); });
    return problems;
  };

  beforeAll(async () => {
    buildClient();
    t = await startTestApp();
    s = await seedUnit(t);
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  it('renders the OpenAPI document with its Chinese summaries and examples, from the service alone, under the CSP', async () => {
    const page = await (await chrome.context()).newPage();
    const problems = watch(page);
    await page.goto(`${base}/api/v1/docs`);
    await page.waitForSelector('.swagger-ui .info .title:has-text("Clearance（密审）API")');
    await page.waitForSelector('.opblock-tag:has-text("认证")');
    await shot(page, 'api-docs');
    expect(await page.locator('.opblock-summary-description:has-text("审核人员登录")').count()).toBe(1);
    // Opening an operation shows its Chinese request example.
    await page.click('.opblock-summary:has-text("/api/v1/items/{id}/withhold")');
    await page.waitForSelector('.opblock.is-open .opblock-description-wrapper:has-text("不予公开")');
    await page.waitForSelector('.opblock.is-open .body-param__example, .opblock.is-open .microlight');
    expect(await page.locator('.opblock.is-open').innerText()).toContain('属于内部事务信息');
    await page.locator('.opblock.is-open .opblock-section-request-body').scrollIntoViewIfNeeded();
    await shot(page, 'api-docs-withhold');
    expect(problems).toEqual([]);
  });

  it('takes a secrecy administrator signed in on the reviewer page to the read-only dashboard, and tells others why not', async () => {
    const page = await (await chrome.context()).newPage();
    const problems = watch(page);
    await signIn(page, base, s.users.admin);
    await page.goto(`${base}/ops`);
    await page.waitForURL(`${base}/ops/queues/`);
    await page.waitForSelector('text=密审队列');
    await page.waitForSelector('text=scan');
    await shot(page, 'ops-queues');
    // bull-board's own template links Google Fonts; the site CSP refuses it before any connection, and the board uses local fonts.
    const fonts = /fonts\.googleapis\.com/;
    expect(problems.filter((p) => !fonts.test(p))).toEqual([]);
    expect(problems.some((p) => p.startsWith('console:') && fonts.test(p) && p.includes('Content Security Policy'))).toBe(true);

    const filler = await (await chrome.context()).newPage();
    await signIn(filler, base, s.users.filler);
    await filler.goto(`${base}/ops`);
    await filler.waitForSelector('#status:has-text("只有保密管理员可以查看队列监控。")');
    expect(filler.url()).toBe(`${base}/ops`);

    const stranger = await (await chrome.context()).newPage();
    await stranger.goto(`${base}/ops`);
    await stranger.waitForSelector('#status:has-text("请先在审核页面以保密管理员身份登录")');
    const refused = await stranger.goto(`${base}/ops/queues/`);
    expect(refused?.status()).toBe(401);
  });
});
