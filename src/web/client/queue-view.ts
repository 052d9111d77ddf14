import { api } from './api.js';
import { h, setText } from './dom.js';
import { takeFlash } from './flash.js';
import { formatTime, formatWaiting } from './format.js';
import { CATEGORY, label, LEVEL, VERDICT } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { QueueEntry } from './wire.js';

export const QUEUE_REFRESH_MS = 15_000;
const PAGE = 100;

/** Rows per page: 100, or ?pageSize=n in the page address (1–200, the API's own bounds) for a shorter list. */
export function queuePageSize(search = location.search): number {
  const asked = Number(new URLSearchParams(search).get('pageSize'));
  return Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : PAGE;
}

interface Row {
  element: HTMLTableRowElement;
  link: HTMLAnchorElement;
  unit: HTMLTableCellElement;
  level: HTMLTableCellElement;
  waiting: HTMLTableCellElement;
  /** 办理时限 and 已超期; who holds the item (认领), under its title. */
  due: HTMLTableCellElement;
  claim: HTMLSpanElement;
  verdict: HTMLSpanElement;
  hits: HTMLTableCellElement;
}

/** What an admin's entry waits for: the queue lists blocked and referred items at level 'admin'. */
function levelText(entry: QueueEntry): string {
  if (entry.level !== 'admin') return label(LEVEL, entry.level);
  return entry.state === 'blocked' ? '拦截待处置' : '报审待处理';
}

/**
 * My queue: rows are updated in place every 15 s, so nothing jumps and focus stays where it was. 加载更多 appends
 * the next page; a refresh walks again through as many pages as are shown, so appended rows stay.
 */
export function showQueue(main: HTMLElement): () => void {
  const flash = takeFlash();
  const pageSize = queuePageSize();
  const status = h('p', { className: 'queue-status', attrs: { 'aria-live': 'polite', id: 'queue-status' } }, '正在载入…');
  const refresh = h('button', { className: 'button secondary', attrs: { type: 'button' } }, '立即刷新');
  const body = h('tbody');
  const empty = h('p', { className: 'queue-empty', attrs: { hidden: '' } }, '当前没有等待您审核的稿件。');
  const more = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'queue-more', hidden: '' } }, '加载更多');
  const table = h('table', { className: 'queue-table', attrs: { id: 'queue' } },
    h('caption', { className: 'sr-only' }, '等待我审核的稿件，等待最久的在前'),
    h('colgroup', null, ...['c-title', 'c-unit', 'c-level', 'c-wait', 'c-due', 'c-verdict', 'c-hits'].map((c) => h('col', { className: c }))),
    h('thead', null, h('tr', null, ...['标题', '单位', '审核环节', '已等待', '办理时限', '扫描结论', '命中'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
    body);
  main.replaceChildren(
    h('section', { className: 'queue-page' },
      h('div', { className: 'page-head' }, h('h1', null, '我的待审'), h('div', { className: 'page-head-tools' }, status, refresh)),
      flash ? h('p', { className: `notice notice-${flash.kind}`, attrs: { role: 'status' } }, flash.text) : null,
      h('div', { className: 'table-frame' }, table, empty),
      // The footer keeps its height whether or not the button shows, so the page below the table never jumps.
      h('div', { className: 'queue-foot' }, more)));

  const rows = new Map<string, Row>();
  let entries: QueueEntry[] = [];
  let pages = 1;
  let next: string | undefined;
  let stopped = false;
  // One request sequence at a time: a refresh and 加载更多 must not interleave their pages.
  let queue: Promise<void> = Promise.resolve();
  const serial = (work: () => Promise<void>) => (queue = queue.then(work, work));

  const render = (now: number) => {
    const seen = new Set<string>();
    entries.forEach((entry, position) => {
      seen.add(entry.id);
      const row = rows.get(entry.id) ?? createRow(entry.id);
      rows.set(entry.id, row);
      updateRow(row, entry, now);
      if (body.children[position] !== row.element) body.insertBefore(row.element, body.children[position] ?? null);
    });
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.element.remove();
        rows.delete(id);
      }
    }
    empty.hidden = entries.length > 0;
    table.classList.toggle('is-empty', entries.length === 0);
    const hadFocus = document.activeElement === more;
    more.hidden = !next;
    // The button went away under the keyboard: carry focus to the last row rather than to the page.
    if (hadFocus && more.hidden) rows.get(entries[entries.length - 1]?.id ?? '')?.link.focus();
  };

  const shown = () => {
    const time = new Date().toLocaleTimeString('zh-CN', { hour12: false });
    setText(status, `共 ${entries.length}${next ? '+' : ''} 篇 · ${time} 已刷新`);
  };

  const load = async () => {
    try {
      const fresh: QueueEntry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < pages; page++) {
        const answer = await api.queue(pageSize, cursor);
        fresh.push(...answer.items);
        cursor = answer.next;
        if (!cursor) break;
      }
      if (stopped) return;
      entries = dedupe(fresh);
      next = cursor;
      render(Date.now());
      shown();
    } catch (error) {
      if (!stopped) setText(status, `刷新失败：${explainRefusal(error)} 将自动重试。`);
    }
  };

  const loadMore = async () => {
    if (!next) return;
    try {
      const answer = await api.queue(pageSize, next);
      if (stopped) return;
      pages += 1;
      entries = dedupe([...entries, ...answer.items]);
      next = answer.next;
      render(Date.now());
      shown();
    } catch (error) {
      if (!stopped) setText(status, `载入失败：${explainRefusal(error)}`);
    } finally {
      more.removeAttribute('aria-busy');
    }
  };

  refresh.addEventListener('click', () => void serial(load));
  // aria-busy rather than disabled: disabling the focused button would drop keyboard focus to the page.
  more.addEventListener('click', () => {
    if (more.getAttribute('aria-busy') === 'true') return;
    more.setAttribute('aria-busy', 'true');
    void serial(loadMore);
  });
  void serial(load);
  const timer = window.setInterval(() => void serial(load), QUEUE_REFRESH_MS);
  return () => {
    stopped = true;
    window.clearInterval(timer);
  };
}

/** An item can move between pages while they are read one by one; it is shown once, where first met. */
function dedupe(entries: QueueEntry[]): QueueEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
}

function createRow(id: string): Row {
  const link = h('a', { className: 'queue-link', attrs: { href: `#/items/${id}` } });
  const verdict = h('span', { className: 'badge' });
  const row: Row = {
    element: h('tr', { attrs: { 'data-id': id } }),
    link,
    // data-label names each fact when a phone shows the row as a card (styles.css).
    unit: h('td', { attrs: { 'data-label': '单位' } }),
    level: h('td', { attrs: { 'data-label': '审核环节' } }),
    waiting: h('td', { className: 'num', attrs: { 'data-label': '已等待' } }),
    due: h('td', { className: 'due', attrs: { 'data-label': '办理时限' } }),
    claim: h('span', { className: 'claim-holder muted' }),
    verdict,
    hits: h('td', { className: 'chips', attrs: { 'data-label': '命中' } }),
  };
  row.element.append(h('td', { className: 'title-cell' }, link, row.claim), row.unit, row.level, row.waiting, row.due, h('td', { attrs: { 'data-label': '扫描结论' } }, verdict), row.hits);
  return row;
}

function updateRow(row: Row, entry: QueueEntry, now: number): void {
  setText(row.link, entry.title || '（无标题）');
  setText(row.unit, entry.unit);
  setText(row.level, levelText(entry));
  setText(row.waiting, formatWaiting(entry.waitingSince, now));
  setText(row.due, entry.dueAt ? `${entry.overdue ? '已超期 · ' : ''}${formatTime(entry.dueAt)}` : '—');
  row.due.classList.toggle('overdue', entry.overdue === true);
  setText(row.claim, entry.claim ? ` ${entry.claim.displayName ?? entry.claim.username} 已认领` : '');
  setText(row.verdict, entry.verdict ? label(VERDICT, entry.verdict) : '未扫描');
  const verdictClass = `badge badge-${entry.verdict ?? 'none'}`;
  if (row.verdict.className !== verdictClass) row.verdict.className = verdictClass;
  const counts = Object.entries(entry.hitCounts).sort(([a], [b]) => a.localeCompare(b));
  const key = JSON.stringify(counts);
  if (row.hits.dataset.counts === key) return;
  row.hits.dataset.counts = key;
  row.hits.replaceChildren(
    ...(counts.length ? counts.map(([category, n]) => h('span', { className: 'chip', attrs: { 'data-category': category } }, `${label(CATEGORY, category)} ${n}`)) : [h('span', { className: 'muted' }, '无')]),
  );
}
