import { api } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, CHANNEL, DECISION, DELIVERY_KIND, DELIVERY_STATUS, label, LEVEL, SEVERITY, STATE } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { Delivery, Hit, ItemDetail } from './wire.js';

export function section(title: string, id: string, ...content: Array<Node | null>): HTMLElement {
  return h('section', { className: 'side-section', attrs: { 'aria-labelledby': `${id}-title`, id } }, h('h2', { attrs: { id: `${id}-title` } }, title), ...content);
}

/** Where a hit is, for the list: a label (null for the body's visible text), the source around it when the page cannot show it in place. */
export interface HitPlace {
  label: string | null;
  source: Node | null;
  /** Said when the hit cannot be shown where it is. */
  unseen: string;
}

/** One button per hit; activating it moves focus to the hit's highlight, in the text or in an attachment's part. */
export function hitList(hits: readonly Hit[], jump: (index: number) => boolean | Promise<boolean>, placeOf: (hit: Hit, index: number) => HitPlace): HTMLElement {
  if (hits.length === 0) return section('扫描命中', 'hits', h('p', { className: 'muted' }, '未发现需要关注的内容。'));
  const list = h('ol', { className: 'hit-list' });
  hits.forEach((hit, index) => {
    const place = placeOf(hit, index);
    const button = h('button', { className: 'hit-jump', attrs: { type: 'button', 'data-hit': String(index) } },
      h('span', { className: `badge badge-${hit.severity}` }, label(SEVERITY, hit.severity)),
      h('span', { className: 'hit-jump-category' }, label(CATEGORY, hit.category)),
      hit.text ? h('span', { className: 'hit-jump-text' }, hit.text.replace(/\s+/g, ' ')) : null,
      hit.field === 'title' ? h('span', { className: 'muted' }, '（标题）') : null);
    const where = place.label ? h('p', { className: 'hit-place', attrs: { 'data-place': String(index) } }, place.label) : null;
    const note = h('p', { className: 'hit-reason' }, hit.reason, hit.suggestion ? ` 建议：${hit.suggestion}` : '');
    button.addEventListener('click', () => {
      void Promise.resolve(jump(index)).then((shown) => {
        if (!shown) note.textContent = `${hit.reason}（${place.unseen}）`;
      });
    });
    list.append(h('li', null, button, where, place.source, note));
  });
  return section(`扫描命中（${hits.length}）`, 'hits', list);
}

export function keywordList(item: ItemDetail): HTMLElement | null {
  const keywords = item.scan?.keywords ?? [];
  if (keywords.length === 0) return null;
  return section('关键词', 'keywords', h('ul', { className: 'keywords' }, ...keywords.map((k) => h('li', null, k))));
}

export function versionFacts(item: ItemDetail): HTMLElement {
  const facts: Array<[string, string, string?]> = [
    ['版本', `第 ${item.revision} 版`],
    ['内容校验值', item.contentHash, 'hash'],
    ['稿件编号', item.externalId],
    ['提交时间', formatTime(item.submittedAt)],
    ['发布渠道', item.channels.map((c) => label(CHANNEL, c)).join('、') || '—'],
  ];
  if (item.scan) facts.push(['扫描规则', `${item.scan.rulesVersion} / 词库 ${item.scan.lexiconVersion}`, 'hash']);
  return section('版本与校验', 'version',
    h('dl', { className: 'facts' }, ...facts.flatMap(([term, value, kind]) => [h('dt', null, term), h('dd', { className: kind ?? '' }, value)])));
}

export function historyList(item: ItemDetail): HTMLElement {
  const decisions = h('ol', { className: 'timeline' }, ...item.decisions.map((d) =>
    h('li', { className: `decision decision-${d.decision}` },
      h('div', { className: 'timeline-head' },
        h('strong', null, `${label(LEVEL, d.level)} · ${label(DECISION, d.decision)}`),
        h('span', { className: 'muted' }, `${d.by} · ${formatTime(d.at)} · 第 ${d.revision} 版`)),
      d.comment ? h('p', { className: 'comment' }, d.comment) : null)));
  const states = h('ol', { className: 'timeline compact' }, ...item.history.map((e) =>
    h('li', null,
      h('span', null, e.from ? `${label(STATE, e.from)} → ${label(STATE, e.state)}` : label(STATE, e.state)),
      h('span', { className: 'muted' }, ` ${e.by ?? ''} · ${formatTime(e.at)}`),
      // Decisions show their reasons above; a recall has no decision row, so its reason shows here.
      e.state === 'recalled' && e.comment ? h('p', { className: 'comment' }, e.comment) : null)));
  return section('审核记录', 'history',
    item.decisions.length ? decisions : h('p', { className: 'muted' }, '尚无审核意见。'),
    h('h3', null, '流转记录'), states);
}

/** Deliveries are re-read this often while any is still pending, so a retry or redelivery shows its outcome. */
export const DELIVERY_POLL_MS = 2_000;

/**
 * Per-channel delivery status, with 重新投递 on each failed one for a secrecy administrator. The section goes
 * away when the service has no deliveries endpoint (404); rows are kept by id so a refresh does not move focus.
 */
export function deliveriesSection(item: ItemDetail, session: Session): HTMLElement {
  const admin = session.user.roles.includes('admin');
  const body = h('div', null, h('p', { className: 'muted' }, '正在查询…'));
  const message = h('p', { className: 'notice', attrs: { id: 'deliveries-notice', tabindex: '-1', role: 'status', hidden: '' } });
  const list = h('ul', { className: 'deliveries' });
  const element = section('发布投递', 'deliveries', message, body);
  const rows = new Map<string, { key: string; element: HTMLLIElement }>();
  let timer: number | undefined;

  const say = (kind: 'success' | 'error', text: string) => {
    message.className = `notice notice-${kind}`;
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    message.textContent = text;
    message.hidden = false;
    message.focus();
  };

  const redeliver = (delivery: Delivery, button: HTMLButtonElement) => {
    button.disabled = true;
    api.redeliver(delivery.id).then(
      () => {
        say('success', `已重新投递到${targetOf(delivery)}，正在等待对方确认。`);
        void refresh();
      },
      (error: unknown) => {
        button.disabled = false;
        say('error', explainRefusal(error));
        void refresh();
      },
    );
  };

  const refresh = async (): Promise<void> => {
    window.clearTimeout(timer);
    let deliveries: Delivery[];
    try {
      ({ deliveries } = await api.deliveries(item.id));
    } catch {
      if (rows.size === 0) element.hidden = true;
      return;
    }
    if (!element.isConnected) return; // the page moved on
    if (deliveries.length === 0) {
      body.replaceChildren(h('p', { className: 'muted' }, '尚无投递记录。'));
    } else {
      if (list.parentNode !== body) body.replaceChildren(list);
      const seen = new Set<string>();
      deliveries.forEach((delivery, position) => {
        seen.add(delivery.id);
        const key = JSON.stringify([delivery.status, delivery.attempts.length, delivery.lastError, admin]);
        let row = rows.get(delivery.id);
        if (!row || row.key !== key) {
          const fresh = deliveryRow(delivery, admin ? redeliver : null);
          row?.element.replaceWith(fresh);
          row = { key, element: fresh };
          rows.set(delivery.id, row);
        }
        if (list.children[position] !== row.element) list.insertBefore(row.element, list.children[position] ?? null);
      });
      for (const [id, row] of rows) {
        if (seen.has(id)) continue;
        row.element.remove();
        rows.delete(id);
      }
    }
    if (deliveries.some((d) => d.status === 'pending')) {
      timer = window.setTimeout(() => {
        if (element.isConnected) void refresh();
      }, DELIVERY_POLL_MS);
    }
  };

  void refresh();
  return element;
}

function targetOf(delivery: Delivery): string {
  return delivery.channel ? label(CHANNEL, delivery.channel) : '内容管理系统';
}

function deliveryRow(delivery: Delivery, redeliver: ((delivery: Delivery, button: HTMLButtonElement) => void) | null): HTMLLIElement {
  const last = delivery.attempts[delivery.attempts.length - 1];
  const target = targetOf(delivery);
  const retrying = delivery.status === 'pending' && delivery.attempts.length > 0;
  const error = last?.error ?? delivery.lastError;
  let button: HTMLButtonElement | null = null;
  if (redeliver && delivery.status === 'failed') {
    const action = h('button', { className: 'button secondary small', attrs: { type: 'button', 'data-redeliver': delivery.id, title: `以相同的消息编号再次发送到${target}` } }, '重新投递');
    action.addEventListener('click', () => redeliver(delivery, action));
    button = action;
  }
  return h('li', { attrs: { 'data-channel': delivery.channel ?? '', 'data-kind': delivery.kind, 'data-delivery': delivery.id } },
    h('strong', null, `${target} · ${label(DELIVERY_KIND, delivery.kind)}`),
    h('span', { className: `badge badge-delivery-${delivery.status}` }, retrying ? '重试中' : label(DELIVERY_STATUS, delivery.status)),
    button,
    h('span', { className: 'muted delivery-detail' },
      last ? `已尝试 ${delivery.attempts.length} 次，最近 ${formatTime(last.at)}${last.statusCode ? `（HTTP ${last.statusCode}）` : ''}${error ? `：${error}` : ''}` : '尚未发送'));
}
