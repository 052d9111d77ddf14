import { showAccount } from './account-view.js';
import { api, whenSignedOut } from './api.js';
import { h } from './dom.js';
import { clearAllDrafts } from './draft-store.js';
import { mayHandleFailedDeliveries, showFailedDeliveries } from './failed-deliveries-view.js';
import { setFlash } from './flash.js';
import { showItem } from './item-page.js';
import { showPrint } from './print-view.js';
import { showItemList } from './item-list-view.js';
import { label, ROLE } from './labels.js';
import { showLogin } from './login-view.js';
import { showQueue } from './queue-view.js';
import { mayReadReports, showReport } from './report-view.js';
import { noticeBadge } from './notice-badge.js';
import { mayManageLexicon, showLexicon } from './lexicon-view.js';
import { currentSession, endSession, Session, whoIs } from './session.js';
import { keepSession } from './session-keeper.js';

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
let stopView: (() => void) | undefined;
let stopKeeper: (() => void) | undefined;

function renderHeader(session: Session | null): void {
  if (!session) {
    who.replaceChildren();
    return;
  }
  const signOut = h('button', { className: 'button quiet', attrs: { type: 'button', id: 'sign-out' } }, '退出');
  signOut.addEventListener('click', () => {
    signOut.disabled = true;
    // Ended on the server first, so the token is refused from now on; signed out here whatever it answers.
    const done = () => {
      stopKeeper?.();
      endSession();
      clearAllDrafts();
      setFlash({ kind: 'info', text: '您已退出登录。' });
      go('#/login');
    };
    api.logout().then(done, done);
  });
  const reports = mayReadReports(session) ? [h('a', { className: 'nav-link', attrs: { href: '#/report', id: 'nav-report' } }, '统计报表')] : [];
  const lexicon = mayManageLexicon(session) ? [h('a', { className: 'nav-link', attrs: { href: '#/lexicon', id: 'nav-lexicon' } }, '词库管理')] : [];
  const failed = mayHandleFailedDeliveries(session) ? [h('a', { className: 'nav-link', attrs: { href: '#/deliveries/failed', id: 'nav-failed' } }, '投递失败')] : [];
  who.replaceChildren(
    h('a', { className: 'nav-link', attrs: { href: '#/queue' } }, '我的待审'),
    noticeBadge(),
    h('a', { className: 'nav-link', attrs: { href: '#/items', id: 'nav-items' } }, '稿件列表'),
    ...reports,
    ...lexicon,
    ...failed,
    h('a', { className: 'who-name nav-link', attrs: { href: '#/account', id: 'nav-account', title: `${session.user.username} · 账户设置` } }, whoIs(session.user).name),
    h('span', { className: 'who-role muted', attrs: { id: 'who-unit' } }, `${session.user.roles.map((r) => label(ROLE, r)).join('、')} · ${whoIs(session.user).unit}`),
    signOut);
}

/** Activity renews the token, an idle page is warned before it expires, and at expiry it signs out (drafts stay). */
function watchExpiry(session: Session | null): void {
  stopKeeper?.();
  stopKeeper = undefined;
  if (!session) return;
  stopKeeper = keepSession(session, () => {
    setFlash({ kind: 'info', text: '登录已过期，请重新登录。已填写的审核意见已保留。' });
    route();
  });
}

/** The page's own routes: after signing in, the one asked for is shown (route() still checks the role). */
const APP_ROUTE = /^#\/(queue|items|items\/[0-9a-fA-F-]{36}(\/print)?|account|report|lexicon|deliveries\/failed)$/;

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
    showLogin(main, () => go(APP_ROUTE.test(hash) ? hash : '#/queue'));
    document.title = '登录 · 密审';
    return;
  }
  const item = /^#\/items\/([0-9a-fA-F-]{36})$/.exec(hash);
  const print = /^#\/items\/([0-9a-fA-F-]{36})\/print$/.exec(hash);
  if (print) {
    document.title = '保密审查审批表 · 密审';
    stopView = showPrint(main, print[1]);
  } else if (item) {
    document.title = '稿件审核 · 密审';
    stopView = showItem(main, item[1], session);
  } else if (hash === '#/items') {
    document.title = '稿件列表 · 密审';
    stopView = showItemList(main);
  } else if (hash === '#/account') {
    document.title = '账户设置 · 密审';
    stopView = showAccount(main, session);
  } else if (hash === '#/lexicon' && mayManageLexicon(session)) {
    document.title = '词库管理 · 密审';
    stopView = showLexicon(main);
  } else if (hash === '#/deliveries/failed' && mayHandleFailedDeliveries(session)) {
    document.title = '投递失败 · 密审';
    stopView = showFailedDeliveries(main);
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
  // Already at sign-in (signed out or expired a moment ago): a late request must not replace what the page said.
  if (main.querySelector('form.login-form')) return;
  setFlash({ kind: 'info', text: '登录已过期或已失效，请重新登录。已填写的审核意见已保留。' });
  route();
});
window.addEventListener('hashchange', route);
route();
