import { api } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, CHANNEL, DECISION, DELIVERY_KIND, DELIVERY_STATUS, label, LEVEL, SEVERITY, STATE } from './labels.js';
import type { Delivery, Hit, ItemDetail } from './wire.js';

export function section(title: string, id: string, ...content: Array<Node | null>): HTMLElement {
  return h('section', { className: 'side-section', attrs: { 'aria-labelledby': `${id}-title`, id } }, h('h2', { attrs: { id: `${id}-title` } }, title), ...content);
}

/** One button per hit; activating it moves focus to the hit's first highlight. */
export function hitList(hits: readonly Hit[], jump: (index: number) => boolean): HTMLElement {
  if (hits.length === 0) return section('扫描命中', 'hits', h('p', { className: 'muted' }, '未发现需要关注的内容。'));
  const list = h('ol', { className: 'hit-list' });
  hits.forEach((hit, index) => {
    const button = h('button', { className: 'hit-jump', attrs: { type: 'button', 'data-hit': String(index) } },
      h('span', { className: `badge badge-${hit.severity}` }, label(SEVERITY, hit.severity)),
      h('span', { className: 'hit-jump-category' }, label(CATEGORY, hit.category)),
      h('span', { className: 'hit-jump-text' }, hit.text.replace(/\s+/g, ' ')),
      hit.field === 'title' ? h('span', { className: 'muted' }, '（标题）') : null);
    const note = h('p', { className: 'hit-reason' }, hit.reason, hit.suggestion ? ` 建议：${hit.suggestion}` : '');
    button.addEventListener('click', () => {
      if (!jump(index)) note.textContent = `${hit.reason}（该处位于稿件的 HTML 标记内，正文中无对应文字。）`;
    });
    list.append(h('li', null, button, note));
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
      h('span', { className: 'muted' }, ` ${e.by ?? ''} · ${formatTime(e.at)}`))));
  return section('审核记录', 'history',
    item.decisions.length ? decisions : h('p', { className: 'muted' }, '尚无审核意见。'),
    h('h3', null, '流转记录'), states);
}

/** Per-channel delivery status; the section goes away when the service has no deliveries endpoint (404). */
export function deliveriesSection(item: ItemDetail): HTMLElement {
  const body = h('div', null, h('p', { className: 'muted' }, '正在查询…'));
  const element = section('发布投递', 'deliveries', body);
  api.deliveries(item.id).then(
    ({ deliveries }) => {
      body.replaceChildren(deliveries.length === 0 ? h('p', { className: 'muted' }, '尚无投递记录。') : h('ul', { className: 'deliveries' }, ...deliveries.map(deliveryRow)));
    },
    () => {
      element.hidden = true;
    },
  );
  return element;
}

function deliveryRow(delivery: Delivery): HTMLElement {
  const last = delivery.attempts[delivery.attempts.length - 1];
  const target = delivery.channel ? label(CHANNEL, delivery.channel) : '内容管理系统';
  const retrying = delivery.status === 'pending' && delivery.attempts.length > 0;
  const error = last?.error ?? delivery.lastError;
  return h('li', { attrs: { 'data-channel': delivery.channel ?? '' } },
    h('strong', null, `${target} · ${label(DELIVERY_KIND, delivery.kind)}`),
    h('span', { className: `badge badge-delivery-${delivery.status}` }, retrying ? '重试中' : label(DELIVERY_STATUS, delivery.status)),
    h('span', { className: 'muted delivery-detail' },
      last ? `已尝试 ${delivery.attempts.length} 次，最近 ${formatTime(last.at)}${last.statusCode ? `（HTTP ${last.statusCode}）` : ''}${error ? `：${error}` : ''}` : '尚未发送'));
}
