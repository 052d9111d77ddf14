import { api } from './api.js';
import { h, setText } from './dom.js';
import { takeFlash } from './flash.js';
import { formatWaiting } from './format.js';
import { CATEGORY, label, LEVEL, VERDICT } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { QueueEntry } from './wire.js';

export const QUEUE_REFRESH_MS = 15_000;
const PAGE = 100;

interface Row {
  element: HTMLTableRowElement;
  link: HTMLAnchorElement;
  unit: HTMLTableCellElement;
  level: HTMLTableCellElement;
  waiting: HTMLTableCellElement;
  verdict: HTMLSpanElement;
  hits: HTMLTableCellElement;
}

/** What an admin's entry waits for: the queue lists blocked and referred items at level 'admin'. */
function levelText(entry: QueueEntry): string {
  if (entry.level !== 'admin') return label(LEVEL, entry.level);
  return entry.state === 'blocked' ? '拦截待处置' : '报审待处理';
}

/** My queue: rows are updated in place every 15 s, so nothing jumps and focus stays where it was. */
export function showQueue(main: HTMLElement): () => void {
  const flash = takeFlash();
  const status = h('p', { className: 'queue-status', attrs: { 'aria-live': 'polite', id: 'queue-status' } }, '正在载入…');
  const refresh = h('button', { className: 'button secondary', attrs: { type: 'button' } }, '立即刷新');
  const body = h('tbody');
  const empty = h('p', { className: 'queue-empty', attrs: { hidden: '' } }, '当前没有等待您审核的稿件。');
  const more = h('p', { className: 'muted', attrs: { hidden: '' } }, `仅显示等待最久的 ${PAGE} 篇，处理后其余稿件会自动补上。`);
  const table = h('table', { className: 'queue-table', attrs: { id: 'queue' } },
    h('caption', { className: 'sr-only' }, '等待我审核的稿件，等待最久的在前'),
    h('colgroup', null, ...['c-title', 'c-unit', 'c-level', 'c-wait', 'c-verdict', 'c-hits'].map((c) => h('col', { className: c }))),
    h('thead', null, h('tr', null, ...['标题', '单位', '审核环节', '已等待', '扫描结论', '命中'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
    body);
  main.replaceChildren(
    h('section', { className: 'queue-page' },
      h('div', { className: 'page-head' }, h('h1', null, '我的待审'), h('div', { className: 'page-head-tools' }, status, refresh)),
      flash ? h('p', { className: `notice notice-${flash.kind}`, attrs: { role: 'status' } }, flash.text) : null,
      h('div', { className: 'table-frame' }, table, empty),
      more));

  const rows = new Map<string, Row>();
  let entries: QueueEntry[] = [];
  let stopped = false;

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
  };

  const load = async () => {
    try {
      const page = await api.queue(PAGE);
      if (stopped) return;
      entries = page.items;
      more.hidden = !page.next;
      render(Date.now());
      const time = new Date().toLocaleTimeString('zh-CN', { hour12: false });
      setText(status, `共 ${entries.length}${page.next ? '+' : ''} 篇 · ${time} 已刷新`);
    } catch (error) {
      if (!stopped) setText(status, `刷新失败：${explainRefusal(error)} 将自动重试。`);
    }
  };

  refresh.addEventListener('click', () => void load());
  void load();
  const timer = window.setInterval(() => void load(), QUEUE_REFRESH_MS);
  return () => {
    stopped = true;
    window.clearInterval(timer);
  };
}

function createRow(id: string): Row {
  const link = h('a', { className: 'queue-link', attrs: { href: `#/items/${id}` } });
  const verdict = h('span', { className: 'badge' });
  const row: Row = {
    element: h('tr', { attrs: { 'data-id': id } }),
    link,
    unit: h('td'),
    level: h('td'),
    waiting: h('td', { className: 'num' }),
    verdict,
    hits: h('td', { className: 'chips' }),
  };
  row.element.append(h('td', { className: 'title-cell' }, link), row.unit, row.level, row.waiting, h('td', null, verdict), row.hits);
  return row;
}

function updateRow(row: Row, entry: QueueEntry, now: number): void {
  setText(row.link, entry.title || '（无标题）');
  setText(row.unit, entry.unit);
  setText(row.level, levelText(entry));
  setText(row.waiting, formatWaiting(entry.waitingSince, now));
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
