import { call } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { CHANNEL, label } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';

/** One release or recall that failed for good (GET /api/v1/deliveries/failed). */
interface FailedDelivery {
  id: string;
  itemId: string;
  title: string;
  kind: 'release' | 'recall';
  channel: string;
  revision: number;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  failedAt: string | null;
}

const KIND: Record<string, string> = { release: '发布', recall: '撤稿' };

export function mayHandleFailedDeliveries(session: Session): boolean {
  return session.user.roles.includes('admin');
}

/**
 * 投递失败: the unit's releases and recalls that gave up, for its secrecy administrators. Each can be sent again
 * (重新投递) or dismissed with a written reason (已处理), which the audit trail keeps.
 */
export function showFailedDeliveries(main: HTMLElement): () => void {
  let stopped = false;
  const notice = h('p', { className: 'notice', attrs: { id: 'failed-notice', role: 'status', hidden: '' } });
  const body = h('div', { attrs: { id: 'failed-body', 'aria-live': 'polite' } }, h('p', { className: 'muted' }, '正在载入…'));
  const say = (kind: 'info' | 'error', text: string) => {
    notice.className = `notice notice-${kind}`;
    notice.textContent = text;
    notice.hidden = false;
  };

  const row = (d: FailedDelivery): HTMLElement => {
    const reason = h('input', { attrs: { type: 'text', maxlength: '4000', 'aria-label': `处理说明：${d.title}`, placeholder: '处理说明（必填）' } });
    const redeliver = h('button', { className: 'button secondary', attrs: { type: 'button', 'data-action': 'redeliver' } }, '重新投递');
    const dismiss = h('button', { className: 'button secondary', attrs: { type: 'button', 'data-action': 'dismiss' } }, '标记已处理');
    const act = (work: () => Promise<unknown>, done: string) => {
      redeliver.disabled = true;
      dismiss.disabled = true;
      work().then(
        () => {
          say('info', done);
          load();
        },
        (failure: unknown) => {
          redeliver.disabled = false;
          dismiss.disabled = false;
          say('error', explainRefusal(failure));
        },
      );
    };
    redeliver.addEventListener('click', () => act(() => call('POST', `/api/v1/deliveries/${encodeURIComponent(d.id)}/redeliver`), `已重新投递「${d.title}」。`));
    dismiss.addEventListener('click', () => {
      const comment = reason.value.trim();
      if (!comment) {
        reason.setAttribute('aria-invalid', 'true');
        say('error', '标记已处理必须填写处理说明。');
        reason.focus();
        return;
      }
      reason.removeAttribute('aria-invalid');
      act(() => call('POST', `/api/v1/deliveries/${encodeURIComponent(d.id)}/dismiss`, { comment }), `已将「${d.title}」标记为已处理。`);
    });
    return h('tr', { attrs: { 'data-id': d.id } },
      h('td', { className: 'title-cell' }, h('a', { attrs: { href: `#/items/${d.itemId}` } }, d.title || '（无标题）')),
      h('td', null, `${label(KIND, d.kind)} · ${label(CHANNEL, d.channel)}`),
      h('td', { className: 'num' }, `第 ${d.revision} 版`),
      h('td', null, d.failedAt ? formatTime(d.failedAt) : ''),
      h('td', null, `${d.attemptCount} 次；${d.lastError ?? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : '')}`),
      h('td', null, reason, h('div', { className: 'actions' }, dismiss, redeliver)));
  };

  const load = () => {
    call<{ deliveries: FailedDelivery[] }>('GET', '/api/v1/deliveries/failed').then(
      ({ deliveries }) => {
        if (stopped) return;
        if (deliveries.length === 0) {
          body.replaceChildren(h('p', { className: 'queue-empty' }, '没有投递失败的稿件。'));
          return;
        }
        // The report's plain figure table: queue rows have a fixed height that would clip the reason field.
        body.replaceChildren(h('div', { className: 'report-block' },
          h('table', { className: 'figures', attrs: { id: 'failed-deliveries' } },
            h('caption', { className: 'sr-only' }, '投递失败的发布与撤稿，最近失败的在前'),
            h('thead', null, h('tr', null, ...['标题', '投递', '版本', '失败时间', '尝试与原因', '处理'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
            h('tbody', null, ...deliveries.map(row)))));
      },
      (failure: unknown) => {
        if (!stopped) body.replaceChildren(h('p', { className: 'notice notice-error', attrs: { role: 'alert' } }, explainRefusal(failure)));
      },
    );
  };

  main.replaceChildren(
    h('section', { className: 'queue-page' },
      h('div', { className: 'page-head' }, h('h1', null, '投递失败')),
      h('p', { className: 'hint' }, '以下发布或撤稿已多次重试仍未送达。可在渠道恢复后重新投递，或在线下处理后填写说明并标记已处理（记入审计记录）。'),
      notice,
      body));
  load();
  return () => {
    stopped = true;
  };
}
