import { seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAccess, screenshot, serveWithBrowser, signIn, TestBrowser } from './support/browser';
import { buildClient } from './support/client-build';

jest.setTimeout(180_000);

describe('词库管理 in Chromium', () => {
  let t: TestApp;
  let s: Seeded;
  let base: string;
  let chrome: TestBrowser;
  const TERM = '演习集结地域';
  const draft = (body: string) => t.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ title: '通知', body }).expect(200);

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

  it('lets a secrecy administrator add a term that the next scan blocks, refuses a duplicate at the field, and deactivates it', async () => {
    expect((await draft(`请于下周前往${TERM}参加训练。`)).body.verdict).toBe('pass');
    const page = await (await chrome.context()).newPage();
    await signIn(page, base, s.users.admin);
    await page.click('#nav-lexicon');
    await page.waitForSelector('#lexicon-summary:has-text("内置词条")');
    expect(await page.locator('#lexicon-custom').textContent()).toContain('尚无自定义词条');

    // The reason is required before anything is sent.
    let posts = 0;
    page.on('request', (r) => (posts += r.method() === 'POST' && r.url().endsWith('/lexicon/terms') ? 1 : 0));
    await page.fill('#lexicon-term', TERM);
    await page.click('#lexicon-add');
    expect(await page.locator('#lexicon-error').textContent()).toContain('请写明加入词库的依据');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lexicon-note');
    expect(posts).toBe(0);

    // An allow phrase that does not contain the term is refused by the server, at its field.
    await page.fill('#lexicon-allow', '消防演习');
    await page.fill('#lexicon-note', '据市保密局通知，演习集结地域属工作秘密');
    await page.click('#lexicon-add');
    await page.waitForSelector('#lexicon-allow[aria-invalid="true"]');
    expect(await page.locator('#lexicon-error').textContent()).toContain('每个放行短语都必须包含该词条本身');

    await page.fill('#lexicon-allow', '');
    await page.selectOption('#lexicon-severity', 'block');
    await page.click('#lexicon-add');
    await page.waitForSelector(`#lexicon-custom tr[data-term="${TERM}"][data-active="true"]`);
    expect(await page.locator('#lexicon-notice').textContent()).toContain(`已添加词条“${TERM}”（涉密敏感词，拦截）`);
    expect(await page.locator(`#lexicon-custom tr[data-term="${TERM}"]`).textContent()).toContain(s.users.admin);
    await screenshot(page, 'lexicon');

    const blocked = (await draft(`请于下周前往${TERM}参加训练。`)).body;
    expect(blocked.verdict).toBe('block');
    expect(blocked.hits.map((h: { text: string }) => h.text)).toContain(TERM);

    // The same term again is a duplicate: explained at the term field.
    await page.fill('#lexicon-term', TERM);
    await page.fill('#lexicon-note', '重复添加');
    await page.click('#lexicon-add');
    await page.waitForSelector('#lexicon-term[aria-invalid="true"]');
    expect(await page.locator('#lexicon-error').textContent()).toContain('该词条已在词库中');

    await page.click(`#lexicon-custom tr[data-term="${TERM}"] button[data-action="deactivate"]`);
    await page.waitForSelector(`#lexicon-custom tr[data-term="${TERM}"][data-active="false"]`);
    expect(await page.locator('#lexicon-notice').textContent()).toContain(`已停用词条“${TERM}”`);
    expect((await draft(`请于下周前往${TERM}参加训练。`)).body.verdict).toBe('pass');
  });

  it('shows reviewers no 词库管理 link, and the queue if they type the address', async () => {
    await expectNoAccess(chrome, base, s.users.chief, 'nav-lexicon', '#/lexicon');
  });
});
