import { whenSignedOut } from './api.js';
import { h } from './dom.js';
import { setFlash } from './flash.js';
import { showItem } from './item-page.js';
import { label, ROLE } from './labels.js';
import { showLogin } from './login-view.js';
import { showQueue } from './queue-view.js';
import { mayReadReports, showReport } from './report-view.js';
import { mayManageLexicon, showLexicon } from './lexicon-view.js';
import { currentSession, endSession, Session } from './session.js';

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
let stopView: (() => void) | undefined;
let expiryTimer: number | undefined;

function renderHeader(session: Session | null): void {
  if (!session) {
    who.replaceChildren();
    return;
  }
  const signOut = h('button', { className: 'button quiet', attrs: { type: 'button', id: 'sign-out' } }, '退出');
  signOut.addEventListener('click', () => {
    endSession();
    setFlash({ kind: 'info', text: '您已退出登录。' });
    go('#/login');
  });
  const reports = mayReadReports(session) ? [h('a', { className: 'nav-link', attrs: { href: '#/report', id: 'nav-report' } }, '统计报表')] : [];
  const lexicon = mayManageLexicon(session) ? [h('a', { className: 'nav-link', attrs: { href: '#/lexicon', id: 'nav-lexicon' } }, '词库管理')] : [];
  who.replaceChildren(
    h('a', { className: 'nav-link', attrs: { href: '#/queue' } }, '我的待审'),
    ...reports,
    ...lexicon,
    h('span', { className: 'who-name' }, session.user.username),
    h('span', { className: 'who-role muted' }, `${session.user.roles.map((r) => label(ROLE, r)).join('、')} · ${session.user.unit}`),
    signOut);
}

/** The session ends with its token: sign out on the dot rather than on the next refused request. */
function watchExpiry(session: Session | null): void {
  window.clearTimeout(expiryTimer);
  if (!session) return;
  expiryTimer = window.setTimeout(() => {
    endSession();
    setFlash({ kind: 'info', text: '登录已过期，请重新登录。' });
    route();
  }, Math.max(0, session.expiresAt - Date.now()));
}

function go(hash: string): void {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route(): void {
  const hash = location.hash;
  // In-page anchors such as the skip link are not routes.
  if (hash && !hash.startsWith('#/')) return;
  stopView?.();
  stopView = undefined;
  const session = currentSession();
  renderHeader(session);
  watchExpiry(session);
  if (!session) {
    showLogin(main, () => go(hash.startsWith('#/items/') ? hash : '#/queue'));
    document.title = '登录 · 密审';
    return;
  }
  const item = /^#\/items\/([0-9a-fA-F-]{36})$/.exec(hash);
  if (item) {
    document.title = '稿件审核 · 密审';
    stopView = showItem(main, item[1], session);
  } else if (hash === '#/lexicon' && mayManageLexicon(session)) {
    document.title = '词库管理 · 密审';
    stopView = showLexicon(main);
  } else if (hash === '#/report' && mayReadReports(session)) {
    document.title = '统计报表 · 密审';
    stopView = showReport(main);
  } else {
    document.title = '我的待审 · 密审';
    stopView = showQueue(main);
  }
  main.focus({ preventScroll: true });
}

whenSignedOut(() => {
  setFlash({ kind: 'info', text: '登录已过期或已失效，请重新登录。' });
  route();
});
window.addEventListener('hashchange', route);
route();
