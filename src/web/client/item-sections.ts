import { api } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, CHANNEL, DECISION, DELIVERY_KIND, DELIVERY_STATUS, label, LEVEL, SEVERITY, STATE } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { Delivery, Hit, ItemDetail } from './wire.js';
import { HitGroup, HitPage, HitWithId, ItemRecord, nameOf, OUTCOME } from './item-record.js';

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

/** One hit in a list: a button that moves focus to its highlight (when the page shows it), where it is, and why. */
function hitEntry(hit: Hit, index: number | null, jump: (index: number) => boolean | Promise<boolean>, place: HitPlace): HTMLElement {
  const button = h('button', { className: 'hit-jump', attrs: { type: 'button', ...(index === null ? {} : { 'data-hit': String(index) }) } },
    h('span', { className: `badge badge-${hit.severity}` }, label(SEVERITY, hit.severity)),
    h('span', { className: 'hit-jump-category' }, label(CATEGORY, hit.category)),
    hit.text ? h('span', { className: 'hit-jump-text' }, hit.text.replace(/\s+/g, ' ')) : null,
    hit.field === 'title' ? h('span', { className: 'muted' }, '（标题）') : null);
  const where = place.label ? h('p', { className: 'hit-place', attrs: index === null ? {} : { 'data-place': String(index) } }, place.label) : null;
  const note = h('p', { className: 'hit-reason' }, hit.reason, hit.suggestion ? ` 建议：${hit.suggestion}` : '');
  button.addEventListener('click', () => {
    if (index === null) {
      note.textContent = `${hit.reason}（上下文：${hit.context}）`;
      return;
    }
    void Promise.resolve(jump(index)).then((shown) => {
      if (!shown) note.textContent = `${hit.reason}（${place.unseen}）`;
    });
  });
  return h('li', null, button, where, place.source, note);
}

/**
 * The hits grouped by rule, most severe first, each group with its count and first hits; 显示更多 pages through
 * the rest of a group (an item with tens of thousands of hits stays quick to open).
 */
export function hitList(
  hits: readonly Hit[], jump: (index: number) => boolean | Promise<boolean>, placeOf: (hit: Hit, index: number) => HitPlace,
  groups?: readonly HitGroup[], total?: number, more?: (ruleId: string, offset: number) => Promise<HitPage>,
): HTMLElement {
  if (hits.length === 0) return section('扫描命中', 'hits', h('p', { className: 'muted' }, '未发现需要关注的内容。'));
  const indexOf = new Map(hits.map((hit, index) => [(hit as HitWithId).id ?? String(index), index]));
  const byRule: readonly HitGroup[] = groups ?? [...new Map(hits.map((hit) => [hit.ruleId, hit])).values()].map((first) => {
    const of = hits.filter((x) => x.ruleId === first.ruleId) as HitWithId[];
    return { ruleId: first.ruleId, category: first.category, severity: first.severity, reason: first.reason, count: of.length, hits: of };
  });
  const blocks = byRule.map((group) => {
    const list = h('ol', { className: 'hit-list' });
    for (const hit of group.hits) {
      const index = indexOf.get(hit.id) ?? null;
      list.append(hitEntry(hit, index, jump, placeOf(hit, index ?? -1)));
    }
    let next = group.nextOffset;
    const moreButton = next !== undefined && more
      ? h('button', { className: 'button quiet small hit-more', attrs: { type: 'button', 'data-more': group.ruleId } }, `显示更多（共 ${group.count} 处，已列出 ${group.hits.length} 处）`)
      : null;
    moreButton?.addEventListener('click', () => {
      if (next === undefined || !more) return;
      moreButton.disabled = true;
      more(group.ruleId, next).then((page) => {
        for (const hit of page.hits) list.append(hitEntry(hit, indexOf.get(hit.id) ?? null, jump, placeOf(hit, indexOf.get(hit.id) ?? -1)));
        next = page.nextOffset;
        moreButton.disabled = false;
        if (next === undefined) moreButton.remove();
        else moreButton.textContent = `显示更多（共 ${group.count} 处，已列出 ${next} 处）`;
      }, () => {
        moreButton.disabled = false;
        moreButton.textContent = '载入失败，点此重试';
      });
    });
    return h('details', { className: `hit-group hit-group-${group.severity}`, attrs: { 'data-rule': group.ruleId, 'data-count': String(group.count), ...(group.severity === 'info' && byRule.length > 1 ? {} : { open: '' }) } },
      h('summary', null,
        h('span', { className: `badge badge-${group.severity}` }, label(SEVERITY, group.severity)),
        h('span', { className: 'hit-group-name' }, `${label(CATEGORY, group.category)} · ${group.reason}`),
        h('span', { className: 'hit-group-count' }, `${group.count} 处`)),
      list, moreButton);
  });
  return section(`扫描命中（${total ?? hits.length}）`, 'hits', ...blocks);
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
    h('dl', { className: 'facts' }, ...facts.flatMap(([term, value, kind]) => [h('dt', null, term), h('dd', { className: kind ?? '' }, value)])),
    h('p', null, h('a', { className: 'print-link', attrs: { href: `#/items/${item.id}/print`, id: 'print-link' } }, '打印保密审查审批表')));
}

export function historyList(item: ItemRecord): HTMLElement {
  const decisions = h('ol', { className: 'timeline' }, ...item.decisions.map((d) =>
    h('li', { className: `decision decision-${d.decision}` },
      h('div', { className: 'timeline-head' },
        h('strong', null, `${label(LEVEL, d.level)} · ${label(DECISION, d.decision)}`),
        h('span', { className: 'muted' }, `${nameOf(d)} · ${formatTime(d.at)} · 第 ${d.revision} 版`)),
      d.comment ? h('p', { className: 'comment' }, d.comment) : null,
      d.dispositions?.length ? dispositionList(item, d.dispositions) : null)));
  const states = h('ol', { className: 'timeline compact' }, ...item.history.map((e) =>
    h('li', null,
      h('span', null, e.from ? `${label(STATE, e.from)} → ${label(STATE, e.state)}` : label(STATE, e.state)),
      h('span', { className: 'muted' }, ` ${e.byName ?? actorName(e.by)} · ${formatTime(e.at)}`),
      // Decisions show their reasons above; a recall has no decision row, so its reason shows here.
      (e.state === 'recalled' || e.state === 'withheld') && e.comment ? h('p', { className: 'comment' }, e.comment) : null)));
  return section('审核记录', 'history',
    item.decisions.length ? decisions : h('p', { className: 'muted' }, '尚无审核意见。'),
    h('h3', null, '流转记录'), states);
}

/** `user:wang` → wang; system and CMS actors as recorded. */
const actorName = (actor: string | undefined) => (actor?.startsWith('user:') ? actor.slice(5) : actor ?? '');

/** What a reviewer recorded about each hit with a decision: the hit's text where the page has it, the outcome, the note. */
export function dispositionList(item: Pick<ItemRecord, 'scan'>, dispositions: NonNullable<ItemRecord['decisions'][number]['dispositions']>): HTMLElement {
  const textOf = new Map((item.scan?.hits ?? []).map((x) => [x.id, x.text]));
  return h('ul', { className: 'disp-record' }, ...dispositions.map((d) =>
    h('li', { attrs: { 'data-hit-id': d.hitId } },
      h('span', { className: `badge disp-${d.outcome}` }, OUTCOME[d.outcome] ?? d.outcome),
      ' ', h('span', { className: 'disp-hit' }, textOf.get(d.hitId) ?? d.ruleId),
      d.note ? h('span', { className: 'muted' }, ` · ${d.note}`) : null)));
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
