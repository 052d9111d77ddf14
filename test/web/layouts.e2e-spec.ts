import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { itemBody, PASSWORD, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

const DOCS_SCREENSHOTS = join(__dirname, '../../docs/screenshots');
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 800 };
const LONG_TITLE = '关于进一步做好2026年度政府信息公开保密审查工作并落实各科室信息发布前三级审核责任制的通知（第二次征求意见修改稿）';

/** What a page must be at a width: nothing wider than the screen, a visible title, a header in one piece. */
async function expectFits(page: Page, width: number, titleSelector: string, minTitleWidth = 1): Promise<void> {
  const facts = await page.evaluate((selector) => {
    const box = (e: Element | null) => (e ? e.getBoundingClientRect() : null);
    const links = Array.from(document.querySelectorAll('.topbar .nav-link:not(.who-name)')).map((e) => e.getBoundingClientRect());
    const title = box(document.querySelector(selector));
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
      header: box(document.querySelector('.topbar'))!.height,
      linkTops: links.map((r) => r.top),
      linkHeights: links.map((r) => r.height),
      // The header's parts, each whole on the screen: the page links may scroll sideways inside #who, never the page.
      parts: ['.brand', '#who', '.who-name', '#sign-out'].map((s) => box(document.querySelector(s))).filter((r): r is DOMRect => r !== null && r.width > 0)
        .map((r) => ({ left: r.left, right: r.right, top: r.top })),
      brandRight: box(document.querySelector('.brand'))!.right,
      nameLeft: box(document.querySelector('.who-name'))?.left ?? Infinity,
      title: title && { width: title.width, height: title.height },
    };
  }, titleSelector);
  expect(facts.innerWidth).toBe(width);
  expect(facts.scrollWidth).toBeLessThanOrEqual(facts.innerWidth);
  expect(facts.title?.width ?? 0).toBeGreaterThanOrEqual(minTitleWidth);
  for (const part of facts.parts) {
    expect(part.left).toBeGreaterThanOrEqual(0);
    expect(part.right).toBeLessThanOrEqual(facts.innerWidth);
  }
  expect(facts.nameLeft).toBeGreaterThan(facts.brandRight);
  // Signed in: the page links sit on one line, each on one line of its own (no header broken into pieces).
  if (facts.linkHeights.length) {
    // One row: the links' tops differ by no more than a badge's padding.
    expect(Math.max(...facts.linkTops) - Math.min(...facts.linkTops)).toBeLessThan(12);
    for (const height of facts.linkHeights) expect(height).toBeLessThan(36);
  }
  expect(facts.header).toBeLessThanOrEqual(width <= 900 ? 100 : 64);
  await expect(page.locator(titleSelector).first().isVisible()).resolves.toBe(true);
}

const width = (device: string) => (device === 'phone' ? PHONE.width : TABLET.width);

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), fullPage: false });
}

describe('phone, tablet and desktop layouts in Chromium (390, 768 and 1280 px)', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  const reviewer = 'reviewer-with-a-rather-long-name';

  beforeAll(async () => {
    buildClient();
    t = await startTestApp({ OCR: 'off' });
    s = await seedUnit(t);
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    expect((await t.cli('channel:add', 'wechat', '--url', 'http://127.0.0.1:9/wechat')).code).toBe(0);
    // Every role at once: every link in the header, the longest role text, a queue with 初审 and blocked items.
    expect((await t.cli('user:add', reviewer, '--role', 'filler', '--role', 'admin', '--unit', s.unit, '--password', PASSWORD)).code).toBe(0);
    const submissions: Array<[string, object, string]> = [
      ['layout-1', { title: LONG_TITLE, channels: ['portal', 'wechat'] }, 'awaiting_filler'],
      ['layout-2', { title: '人事任免公示', body: '联系人：张三，手机13800138000。', channels: ['wechat'] }, 'awaiting_filler'],
      ['layout-3', { title: 'A-very-long-external-style-title-without-any-spaces-0123456789-abcdefghijklmnopqrstuvwxyz', body: '机密★10年\n正文' }, 'blocked'],
      ['layout-4', { title: '关于做好防汛工作的通知' }, 'awaiting_filler'],
    ];
    for (const [externalId, overrides, state] of submissions) {
      const { body } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId, overrides)).expect(202);
      await waitForState(t, s.apiKey, body.id, state);
    }
    ({ base, chrome } = await serveWithBrowser(t));
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  for (const [device, viewport] of [['phone', PHONE], ['tablet', TABLET], ['desktop', DESKTOP]] as const) {
    describe(`at ${viewport.width} px`, () => {
      let page: Page;
      beforeAll(async () => {
        page = await (await chrome.context(viewport)).newPage();
      });

      it('sign-in fits', async () => {
        await page.goto(`${base}/#/login`);
        await page.waitForSelector('form.login-form');
        await shoot(page, `login-${device}`);
        await expectFits(page, viewport.width, '.login-form h1');
      });

      it('the queue fits, as cards on a phone with the title readable', async () => {
        await signIn(page, base, reviewer);
        await page.waitForSelector('#queue tbody tr');
        await shoot(page, `queue-${device}`);
        await expectFits(page, viewport.width, '#queue .title-cell', device === 'desktop' ? 300 : width(device) - 80);
        const rows = await page.locator('#queue tbody tr').count();
        expect(rows).toBe(4);
        const first = await page.locator('#queue tbody tr').first().boundingBox();
        const title = await page.locator('#queue .title-cell').first().boundingBox();
        if (device !== 'desktop') {
          // A card: the title takes the whole width of the row; the column headings are gone, each fact names itself.
          expect(await page.locator('#queue thead').isVisible()).toBe(false);
          expect(title!.width).toBeGreaterThan(first!.width - 40);
          expect(await page.locator('#queue td[data-label="审核环节"]').first().evaluate((e) => getComputedStyle(e, '::before').content)).toContain('审核环节');
        } else {
          expect(await page.locator('#queue thead').isVisible()).toBe(true);
        }
      });

      it('the items list and its search fit, and search, tabs and sorting work', async () => {
        await page.click('#nav-items');
        await page.waitForSelector('#item-list tbody tr');
        await page.waitForSelector('#list-status:has-text("本页")');
        await shoot(page, `items-${device}`);
        await expectFits(page, viewport.width, '#item-list .title-cell', device === 'desktop' ? 250 : width(device) - 80);
        expect(await page.locator('#item-list tbody tr').count()).toBe(4);
        // 办理时限: the three items at 初审 show their level's due time (working days: none overdue), the blocked one none.
        const dues = await page.locator('#item-list td.due').allTextContents();
        expect(dues.filter((text) => text === '—')).toHaveLength(1);
        expect(dues.filter((text) => /^(\d{4}\/)?\d{2}\/\d{2}( \d{2}:\d{2})?$/.test(text))).toHaveLength(3);

        await page.fill('#list-q', '防汛');
        await page.click('#list-search');
        await page.waitForSelector('#list-status:has-text("本页 1 篇")');
        expect(await page.locator('#item-list .queue-link').textContent()).toBe('关于做好防汛工作的通知');
        await page.fill('#list-q', '');
        await page.click('#list-search');
        await page.waitForSelector('#list-status:has-text("本页 4 篇")');

        await page.click('#tab-mine');
        await page.waitForSelector('#list-status:has-text("本页 4 篇")');
        expect(await page.locator('#tab-mine').getAttribute('aria-selected')).toBe('true');
        await page.click('#tab-done');
        await page.waitForSelector('#list-status:has-text("没有符合条件的稿件")');
        await page.click('#tab-all');
        await page.selectOption('#list-verdict', 'block');
        await page.waitForSelector('#list-status:has-text("本页 1 篇")');
        await page.click('#list-reset');
        await page.waitForSelector('#list-status:has-text("本页 4 篇")');
        expect(await page.locator('#list-verdict').inputValue()).toBe('');
        const titles = async () => page.locator('#item-list .queue-link').allTextContents();
        const newestFirst = await titles();
        if (device !== 'desktop') {
          // Cards have no column headings: the form's 排序 sorts them.
          await page.selectOption('#list-order', 'submitted asc');
          await page.waitForFunction(() => document.querySelector('[data-sort-head="submitted"]')?.getAttribute('aria-sort') === 'ascending');
          await page.waitForSelector('#list-status:has-text("本页 4 篇")');
          expect(await titles()).toEqual([...newestFirst].reverse());
          await page.selectOption('#list-order', 'submitted desc');
        } else {
          await page.click('[data-sort="submitted"]');
          await page.waitForFunction(() => document.querySelector('[data-sort-head="submitted"]')?.getAttribute('aria-sort') === 'ascending');
          await page.waitForSelector('#list-status:has-text("本页 4 篇")');
          expect(await titles()).toEqual([...newestFirst].reverse());
          for (const heading of ['外部编号', '办理时限', '报送系统', '发布渠道']) expect(await page.locator('#item-list thead').textContent()).toContain(heading);
          expect(await page.locator('#item-list tbody tr').first().textContent()).toContain(s.client);
        }
      });

      it('the report fits', async () => {
        await page.click('#nav-report');
        await page.waitForSelector('#report-awaiting');
        await shoot(page, `report-${device}`);
        await expectFits(page, viewport.width, 'h1');
      });

      it('the lexicon fits', async () => {
        await page.click('#nav-lexicon');
        await page.waitForSelector('.lexicon-form');
        await shoot(page, `lexicon-${device}`);
        await expectFits(page, viewport.width, 'h1');
      });
    });
  }
});
