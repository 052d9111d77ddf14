import { call, WORK_CHANGED } from './api.js';
import { h, setText } from './dom.js';
import { currentSession } from './session.js';

interface NotificationSummary {
  awaiting: number;
  overdue: number;
}

/** How often the header asks again while the page is open (also on navigation and after my own change to an item). */
const REFRESH_MS = 60_000;

/**
 * The header's badge: how many items await me (我的待审) and how many of those are overdue, linked to the queue.
 * Hidden while nothing waits; it stops asking once it has left the page (the header is rebuilt on sign-in and out).
 */
export function noticeBadge(): HTMLElement {
  const count = h('span', { attrs: { id: 'notice-awaiting' } });
  const late = h('span', { className: 'badge badge-block', attrs: { id: 'notice-overdue', hidden: '' } });
  const badge = h('a', { className: 'nav-link', attrs: { href: '#/queue', id: 'notice-badge', hidden: '', title: '待我审核的稿件' } },
    h('span', { className: 'badge badge-review' }, '待办 ', count), ' ', late);
  let shown = false;
  const refresh = (): void => {
    shown ||= badge.isConnected;
    if (shown && !badge.isConnected) {
      window.clearInterval(timer);
      window.removeEventListener('hashchange', refresh);
      window.removeEventListener(WORK_CHANGED, refresh);
      return;
    }
    // Signing out changes the hash before the header is rebuilt: a request then would report the ended session as expired.
    if (!currentSession()) return;
    call<NotificationSummary>('GET', '/api/v1/notifications/summary').then(
      (summary) => {
        setText(count, String(summary.awaiting));
        setText(late, `超时 ${summary.overdue}`);
        badge.toggleAttribute('hidden', summary.awaiting === 0);
        late.toggleAttribute('hidden', summary.overdue === 0);
        badge.setAttribute('title', `待我审核 ${summary.awaiting} 件${summary.overdue ? `，其中超时 ${summary.overdue} 件` : ''}`);
      },
      // A failed refresh keeps the last figures; a 401 has already sent the page to sign-in.
      () => undefined,
    );
  };
  const timer = window.setInterval(refresh, REFRESH_MS);
  window.addEventListener('hashchange', refresh);
  // Right after my own decision or claim, rather than at the next minute.
  window.addEventListener(WORK_CHANGED, refresh);
  refresh();
  return badge;
}
