import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { PASSWORD } from '../../support/fixtures';
import type { TestApp } from '../../support/test-app';

export const SCREENSHOT_DIR = join(__dirname, '../../../test-output/screenshots');

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own sessionStorage) at 1280×800 unless told otherwise. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless; playwright never downloads a browser here. */
export async function launchBrowser(): Promise<TestBrowser> {
  // No --user-data-dir: launch() refuses it and already gives every run a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    context: (viewport = { width: 1280, height: 800 }) => browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    close: () => browser.close(),
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/#/queue`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('form.login-form button[type=submit]');
  // attached, not visible: an empty queue hides its table.
  await page.waitForSelector('#queue', { state: 'attached' });
  await page.waitForSelector('#queue-status:has-text("已刷新")');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Serves the test app on a free local port and opens Chromium beside it; the spec closes both. */
export async function serveWithBrowser(t: TestApp): Promise<{ base: string; chrome: TestBrowser }> {
  await t.app.listen(0, '127.0.0.1');
  return { base: await t.app.getUrl(), chrome: await launchBrowser() };
}

/** A role without access gets no link to the page, and the queue when it types the address. */
export async function expectNoAccess(chrome: TestBrowser, baseUrl: string, username: string, linkId: string, hash: string): Promise<void> {
  const page = await (await chrome.context()).newPage();
  await signIn(page, baseUrl, username);
  if ((await page.locator(`#${linkId}`).count()) !== 0) throw new Error(`${username} sees #${linkId}`);
  await page.goto(`${baseUrl}/${hash}`);
  await page.waitForSelector('#queue', { state: 'attached' });
  const title = await page.title();
  if (title !== '我的待审 · 密审') throw new Error(`${username} at ${hash} sees "${title}", not the queue`);
}
