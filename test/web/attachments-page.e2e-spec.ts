import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

interface HitView {
  field: string;
  category: string;
  text: string;
  start: number;
  end: number;
  attachment?: number;
  partIndex?: number;
  location?: { part: string };
}

interface ItemJson {
  state: string;
  revision: number;
  scan: { hits: HitView[] } | null;
  attachments: Array<{ index: number; filename: string; coverage: { gaps: Array<{ reason: string }> } | null }>;
}

// No slash: the intake keeps only a name's last path segment.
const XSS_NAME = '<img src=xss-probe onerror=alert(1)>通知.txt';
const TEXT_FILE = Buffer.from('附件：报名回执\n联系人：王科长，手机13812345678。\n', 'utf8');
const HTML_FILE = Buffer.from('<!doctype html><html><body><p>公开目录</p><!-- 内部资料 注意保存 --></body></html>', 'utf8');
// 1×1 PNG: an image whose text only OCR could read, and OCR is off here.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const BODY = '<p>各科室：请按附件要求报送材料。</p><!-- 内部资料 注意保存 -->';

describe('reviewer page: attachments in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  let id: string;
  let item: ItemJson;
  const cspViolations: string[] = [];
  const dialogs: string[] = [];
  const probes: string[] = [];

  beforeAll(async () => {
    buildClient();
    t = await startTestApp({ OCR: 'off' });
    s = await seedUnit(t);
    const channel = await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/hook');
    if (channel.code !== 0) throw new Error(channel.err.join('\n'));
    ({ base, chrome } = await serveWithBrowser(t));

    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send({
      externalId: 'web-attachments', unit: s.unit, title: '关于报送材料的通知', body: BODY, format: 'html', channels: ['portal'],
      attachments: [
        { filename: XSS_NAME, contentType: 'text/plain', data: TEXT_FILE.toString('base64') },
        { filename: '目录.html', contentType: 'text/html', data: HTML_FILE.toString('base64') },
        { filename: '扫描件.png', contentType: 'image/png', data: PNG.toString('base64') },
      ],
    }).expect(202);
    id = submitted.body.id as string;
    item = await waitFor(async () => {
      const response = await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey);
      const body = response.body as ItemJson;
      return body.scan && body.attachments.every((a) => a.coverage) ? body : undefined;
    }, 60_000, 'the scan of the item and its attachments');
  });
  afterAll(async () => {
    await chrome?.close();
    await t?.close();
  });

  const openPage = async (viewport?: { width: number; height: number }) => {
    const page = await (await chrome.context(viewport)).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url().includes('xss-probe')) probes.push(request.url());
    });
    await signIn(page, base, s.users.filler);
    await page.goto(`${base}/#/items/${id}`);
    await page.waitForSelector('#attachments');
    return page;
  };
  const hitIndex = (where: (hit: HitView) => boolean): number => {
    const index = item.scan!.hits.findIndex(where);
    if (index < 0) throw new Error(`no such hit among ${JSON.stringify(item.scan!.hits.map((h) => [h.field, h.category, h.attachment, h.location?.part]))}`);
    return index;
  };

  afterEach(() => {
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(probes).toEqual([]);
  });

  it('lists each attachment with its name as text, size, verdict and what was examined', async () => {
    const page = await openPage();
    const entries = page.locator('#attachments li.attachment');
    expect(await entries.count()).toBe(3);
    expect(await page.locator('#attachments-title').textContent()).toBe('附件（3）');
    const first = page.locator('li[data-attachment="0"]');
    expect(await first.locator('.attachment-name').textContent()).toBe(XSS_NAME);
    expect(await page.locator('#attachments img, #attachments script').count()).toBe(0);
    expect(await first.locator('.attachment-facts').textContent()).toContain(`${TEXT_FILE.length} 字节`);
    expect(await first.locator('.badge').textContent()).toMatch(/^扫描结论：(需复核|拦截)$/);
    expect(await first.locator('.attachment-coverage').textContent()).toMatch(/^已审查：正文（\d+ 字）。$/);
    expect(await page.locator('li[data-attachment="1"] .attachment-coverage').textContent()).toContain('网页注释');
    await screenshot(page, 'attachments');
  });

  it('shows what could not be examined prominently, with its reason', async () => {
    expect(item.attachments[2].coverage!.gaps.map((g) => g.reason)).toContain('ocr-unavailable');
    const page = await openPage();
    const alert = page.locator('li[data-attachment="2"] .gap-alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.getAttribute('role')).toBe('note');
    expect(await alert.textContent()).toContain('未能审查');
    expect(await alert.textContent()).toContain('无法识别图片中的文字');
    expect(await page.locator('li[data-attachment="2"] .badge').textContent()).not.toBe('扫描结论：通过');
    // Prominent: a thick red frame, not muted text.
    const style = await alert.evaluate((el) => ({ border: getComputedStyle(el).borderTopWidth, color: getComputedStyle(el).borderTopColor }));
    expect(style).toEqual({ border: '2px', color: 'rgb(179, 38, 30)' });
    // Above the text too, so nobody approves without having seen it: it leads to the attachment's alert.
    expect(await page.locator('#gap-warning').textContent()).toBe('1 个附件有内容未能审查');
    await page.click('#gap-warning');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-gaps') === '2');
    const gapHit = hitIndex((h) => h.category === 'not-examined' && h.attachment === 2);
    expect(await page.locator(`button.hit-jump[data-hit="${gapHit}"]`).textContent()).toContain('未能审查的内容');
    expect(await page.locator(`.hit-place[data-place="${gapHit}"]`).textContent()).toContain('附件3《扫描件.png》');
  });

  it('opens a located hit in its part\'s extracted text, highlighted and focused', async () => {
    const mobile = hitIndex((h) => h.field === 'attachment' && h.attachment === 0 && h.category === 'personal-info');
    const hit = item.scan!.hits[mobile];
    const parts = (await t.http.get(`/api/v1/items/${id}/attachments/0/parts`).set('X-Api-Key', s.apiKey).expect(200)).body as { parts: Array<{ partIndex: number; text: string }> };
    const part = parts.parts.find((p) => p.partIndex === hit.partIndex)!;

    const page = await openPage();
    // The hit names its paragraph; the part it opens is the whole body.
    expect(await page.locator(`.hit-place[data-place="${mobile}"]`).textContent()).toBe(`附件1《${XSS_NAME}》 · 正文第2段`);
    await page.click(`button.hit-jump[data-hit="${mobile}"]`);
    await page.waitForSelector('#attachment-part:not([hidden])');
    expect(await page.locator('#part-title').textContent()).toBe(`附件1《${XSS_NAME}》 · 正文`);
    expect(await page.locator('#part-text').textContent()).toBe(part.text);
    const marks = await page.$$eval(`#part-text mark[data-hits~="${mobile}"]`, (ms) => ms.map((m) => m.textContent ?? '').join(''));
    expect(marks).toBe(hit.text);
    expect(part.text.slice(hit.start, hit.end)).toBe(hit.text);
    await page.waitForFunction((i) => document.activeElement?.closest('#part-text') !== null && document.activeElement?.getAttribute('data-hits')?.split(' ').includes(String(i)), mobile);
    await page.waitForSelector('#part-hit-tip:not([hidden])');
    expect(await page.locator('#part-hit-tip').textContent()).toContain('个人信息');
    await screenshot(page, 'attachment-part');
  });

  it('shows where a hit hidden in HTML sits, with its source', async () => {
    const page = await openPage();
    const inBody = hitIndex((h) => h.field === 'body' && h.location?.part === 'html-comment');
    expect(await page.locator(`.hit-place[data-place="${inBody}"]`).textContent()).toBe('正文 · 网页注释（页面上不显示）');
    const source = page.locator(`button.hit-jump[data-hit="${inBody}"] ~ .hit-source code`);
    expect(await source.textContent()).toContain('<!-- 内部资料 注意保存 -->');
    expect(await source.locator('mark').textContent()).toBe(item.scan!.hits[inBody].text);
    await page.click(`button.hit-jump[data-hit="${inBody}"]`);
    await page.waitForFunction((i) => document.querySelector(`button.hit-jump[data-hit="${i}"] ~ .hit-reason`)?.textContent?.includes('网页注释'), inBody);

    const inFile = hitIndex((h) => h.field === 'attachment' && h.attachment === 1 && h.location?.part === 'html-comment');
    expect(await page.locator(`.hit-place[data-place="${inFile}"]`).textContent()).toBe('附件2《目录.html》 · 网页注释');
  });

  it('downloads the original byte for byte through 下载原件', async () => {
    const page = await openPage();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-download="0"]')]);
    const saved = readFileSync((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(createHash('sha256').update(TEXT_FILE).digest('hex'));
    expect(await page.locator('#download-status-0').textContent()).toBe('');
  });

  it('stays usable at phone width (390 px)', async () => {
    const page = await openPage({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const alert = await page.locator('li[data-attachment="2"] .gap-alert').boundingBox();
    expect(alert!.width).toBeLessThanOrEqual(390);
    const mobile = hitIndex((h) => h.field === 'attachment' && h.attachment === 0 && h.category === 'personal-info');
    await page.click(`button.hit-jump[data-hit="${mobile}"]`);
    await page.waitForSelector('#attachment-part:not([hidden])');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.locator('li[data-attachment="0"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'attachments-phone');
  });
});
