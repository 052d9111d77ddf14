import { call } from './api.js';
import { h, setText } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, CHANNEL, label, LEVEL, STATE, VERDICT } from './labels.js';
import { explainRefusal } from './refusals.js';

/** One row of GET /api/v1/items (src/items/item-list.service.ts ItemListRow). */
export interface ItemListRow {
  id: string;
  externalId: string;
  title: string;
  state: string;
  level: string | null;
  revision: number;
  verdict: string | null;
  hitCounts: Record<string, number>;
  submitter: string;
  author: string | null;
  channels: string[];
  unit: string;
  submittedAt: string;
  updatedAt: string;
  /** When the current review level is due (null when the item awaits none), and whether that has passed. */
  dueAt: string | null;
  overdue: boolean;
}

interface ItemListPage {
  items: ItemListRow[];
  nextCursor: string | null;
}

type View = 'all' | 'done' | 'mine';
type Sort = 'submitted' | 'updated';

/** What the list asks for; kept for the tab (sessionStorage), so coming back from an item shows the same list. */
interface ListQuery {
  view: View;
  q: string;
  state: string;
  level: string;
  verdict: string;
  category: string;
  channel: string;
  from: string;
  to: string;
  sort: Sort;
  order: 'asc' | 'desc';
}

const STORE = 'clearance.items-list';
const PAGE_SIZE = 50;
const TABS: Array<[View, string]> = [['all', '全部'], ['done', '已办'], ['mine', '待我审核']];
const BLANK: ListQuery = { view: 'all', q: '', state: '', level: '', verdict: '', category: '', channel: '', from: '', to: '', sort: 'submitted', order: 'desc' };

function storedQuery(): ListQuery {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORE) ?? '{}') as Partial<ListQuery>;
    const query = { ...BLANK };
    for (const key of Object.keys(BLANK) as Array<keyof ListQuery>) if (typeof stored[key] === 'string') (query as Record<string, string>)[key] = stored[key] as string;
    return query;
  } catch {
    return { ...BLANK };
  }
}

function listPath(query: ListQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== '' && !(key === 'view' && value === 'all')) params.set(key, value);
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/items?${params.toString()}`;
}

const options = (table: Record<string, string>, all: string) => [h('option', { attrs: { value: '' } }, all), ...Object.entries(table).map(([value, text]) => h('option', { attrs: { value } }, text))];

function field(text: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h('div', { className: 'filter-field' }, h('label', { attrs: { for: id } }, text), control);
}

/**
 * 稿件列表: the unit's items as 全部 / 已办 (items I decided) / 待我审核 (what my queue shows), with free-text
 * search, filters, sorting by submission or last change, and keyset pages (上一页 walks back the cursors seen).
 */
export function showItemList(main: HTMLElement): () => void {
  let query = storedQuery();
  let stopped = false;
  let cursors: Array<string | undefined> = [undefined];

  const tabs = TABS.map(([view, text]) =>
    h('button', { className: 'tab', attrs: { type: 'button', role: 'tab', id: `tab-${view}`, 'data-view': view, 'aria-controls': 'item-list' } }, text));
  const q = h('input', { attrs: { type: 'search', name: 'q', maxlength: '100', placeholder: '标题或正文中的文字，多个词用空格分开', autocomplete: 'off' } });
  const state = h('select', { attrs: { name: 'state' } }, ...options(STATE, '全部状态'));
  const level = h('select', { attrs: { name: 'level' } }, ...options(LEVEL, '全部环节'));
  const verdict = h('select', { attrs: { name: 'verdict' } }, ...options(VERDICT, '全部结论'));
  const category = h('select', { attrs: { name: 'category' } }, ...options(CATEGORY, '全部类别'));
  const channel = h('select', { attrs: { name: 'channel' } }, ...options(CHANNEL, '全部渠道'));
  const from = h('input', { attrs: { type: 'date', name: 'from' } });
  const to = h('input', { attrs: { type: 'date', name: 'to' } });
  // The column headings sort on a wide screen; cards (phones, tablets) have no headings, so the form says it too.
  const ordering = h('select', { attrs: { name: 'ordering' } },
    ...[['submitted desc', '提交时间 新→旧'], ['submitted asc', '提交时间 旧→新'], ['updated desc', '最近变动 新→旧'], ['updated asc', '最近变动 旧→新']]
      .map(([value, text]) => h('option', { attrs: { value } }, text)));
  const controls = { q, state, level, verdict, category, channel, from, to };
  const reset = h('button', { className: 'button', attrs: { type: 'button', id: 'list-reset' } }, '重置');
  const form = h('form', { className: 'list-filters', attrs: { id: 'list-filters', role: 'search' } },
    h('div', { className: 'filter-search' },
      field('搜索', q, 'list-q'),
      h('button', { className: 'button primary', attrs: { type: 'submit', id: 'list-search' } }, '查询'),
      reset),
    h('div', { className: 'filter-grid' },
      field('状态', state, 'list-state'), field('审核环节', level, 'list-level'), field('扫描结论', verdict, 'list-verdict'),
      field('命中类别', category, 'list-category'), field('发布渠道', channel, 'list-channel'),
      field('提交日期自', from, 'list-from'), field('至', to, 'list-to'), field('排序', ordering, 'list-order')));

  const status = h('p', { className: 'queue-status', attrs: { 'aria-live': 'polite', id: 'list-status' } }, '正在载入…');
  const sortButtons: Record<Sort, HTMLButtonElement> = {
    submitted: h('button', { className: 'sort', attrs: { type: 'button', 'data-sort': 'submitted' } }, '提交时间'),
    updated: h('button', { className: 'sort', attrs: { type: 'button', 'data-sort': 'updated' } }, '最近变动'),
  };
  const head = (text: string) => h('th', { attrs: { scope: 'col' } }, text);
  const sortHead = (sort: Sort) => h('th', { attrs: { scope: 'col', 'data-sort-head': sort } }, sortButtons[sort]);
  const body = h('tbody');
  const table = h('table', { className: 'queue-table list-table', attrs: { id: 'item-list', role: 'tabpanel' } },
    h('caption', { className: 'sr-only' }, '稿件列表'),
    h('colgroup', null, ...['c-title', 'c-ext', 'c-state', 'c-due', 'c-verdict', 'c-hits', 'c-submitter', 'c-channels', 'c-time', 'c-time'].map((c) => h('col', { className: c }))),
    h('thead', null, h('tr', null, head('标题'), head('外部编号'), head('状态'), head('办理时限'), head('扫描结论'), head('命中'), head('报送系统'), head('发布渠道'), sortHead('submitted'), sortHead('updated'))),
    body);
  const empty = h('p', { className: 'queue-empty', attrs: { hidden: '' } }, '没有符合条件的稿件。');
  const prev = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'list-prev' } }, '上一页');
  const next = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'list-next' } }, '下一页');
  const pageNo = h('span', { className: 'muted', attrs: { id: 'list-page' } });

  main.replaceChildren(
    h('section', { className: 'queue-page list-page' },
      h('div', { className: 'page-head' }, h('h1', null, '稿件列表'), h('div', { className: 'page-head-tools' }, status)),
      h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': '列表范围' } }, ...tabs),
      form,
      h('div', { className: 'table-frame' }, table, empty),
      h('div', { className: 'queue-foot' }, prev, pageNo, next)));

  const fill = () => {
    for (const [key, control] of Object.entries(controls)) control.value = query[key as keyof typeof controls];
    ordering.value = `${query.sort} ${query.order}`;
    for (const tab of tabs) {
      const selected = tab.dataset.view === query.view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const [sort, button] of Object.entries(sortButtons)) {
      const active = sort === query.sort;
      button.parentElement?.setAttribute('aria-sort', active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none');
      button.dataset.order = active ? query.order : '';
      button.title = active ? (query.order === 'asc' ? '当前由早到晚，点击改为由晚到早' : '当前由晚到早，点击改为由早到晚') : '按此排序';
    }
  };

  let generation = 0;
  const load = async (page: number) => {
    const mine = ++generation;
    setText(status, '正在载入…');
    try {
      const answer = await call<ItemListPage>('GET', listPath(query, cursors[page]));
      if (stopped || mine !== generation) return;
      cursors = cursors.slice(0, page + 1);
      if (answer.nextCursor) cursors.push(answer.nextCursor);
      body.replaceChildren(...answer.items.map(rowOf));
      empty.hidden = answer.items.length > 0;
      table.classList.toggle('is-empty', answer.items.length === 0);
      prev.hidden = page === 0;
      next.hidden = !answer.nextCursor;
      next.dataset.page = String(page + 1);
      prev.dataset.page = String(page - 1);
      setText(pageNo, page === 0 && !answer.nextCursor ? '' : `第 ${page + 1} 页`);
      setText(status, answer.items.length ? `本页 ${answer.items.length} 篇${answer.nextCursor ? '，还有更多' : ''}` : '没有符合条件的稿件');
    } catch (error) {
      if (!stopped && mine === generation) setText(status, `载入失败：${explainRefusal(error)}`);
    }
  };

  const apply = (change: Partial<ListQuery>) => {
    query = { ...query, ...change };
    sessionStorage.setItem(STORE, JSON.stringify(query));
    cursors = [undefined];
    fill();
    void load(0);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const [sort, order] = ordering.value.split(' ') as [Sort, 'asc' | 'desc'];
    apply({ ...(Object.fromEntries(Object.entries(controls).map(([key, control]) => [key, control.value.trim()])) as Partial<ListQuery>), sort, order });
  });
  for (const select of [state, level, verdict, category, channel, from, to, ordering]) select.addEventListener('change', () => form.requestSubmit());
  reset.addEventListener('click', () => apply({ ...BLANK, view: query.view, sort: query.sort, order: query.order }));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => apply({ view: tab.dataset.view as View }));
    // Arrow keys move between tabs, as a tab list should.
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const target = tabs[(i + step + tabs.length) % tabs.length];
      target.focus();
      target.click();
    });
  });
  for (const [sort, button] of Object.entries(sortButtons) as Array<[Sort, HTMLButtonElement]>) {
    button.addEventListener('click', () => apply(query.sort === sort ? { order: query.order === 'asc' ? 'desc' : 'asc' } : { sort, order: 'desc' }));
  }
  prev.addEventListener('click', () => void load(Number(prev.dataset.page)));
  next.addEventListener('click', () => void load(Number(next.dataset.page)));

  fill();
  void load(0);
  return () => {
    stopped = true;
  };
}

const thisYear = new Intl.DateTimeFormat('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const otherYear = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** "12/02 14:17" this year, "2025/11/30" before: short enough for a column; the full time is the cell's title. */
function timeCell(name: string, iso: string): HTMLTableCellElement {
  const at = new Date(iso);
  const text = at.getFullYear() === new Date().getFullYear() ? thisYear.format(at) : otherYear.format(at);
  return h('td', { className: 'num', attrs: { 'data-label': name, title: formatTime(iso) } }, h('time', { attrs: { datetime: iso } }, text));
}

/** 办理时限: the level's due time, led by 已超期 once it has passed (the card labels it on a phone). */
function dueCell(row: ItemListRow): HTMLTableCellElement {
  if (!row.dueAt) return h('td', { className: 'num due', attrs: { 'data-label': '办理时限' } }, '—');
  const cell = timeCell('办理时限', row.dueAt);
  cell.classList.add('due');
  if (row.overdue) {
    cell.classList.add('overdue');
    cell.prepend(h('span', { className: 'due-flag' }, '已超期'));
  }
  return cell;
}

function rowOf(row: ItemListRow): HTMLTableRowElement {
  const counts = Object.entries(row.hitCounts).sort(([a], [b]) => a.localeCompare(b));
  const cell = (name: string, className: string, ...children: Array<Node | string>) => h('td', { className, attrs: { 'data-label': name } }, ...children);
  return h('tr', { attrs: { 'data-id': row.id } },
    h('td', { className: 'title-cell' }, h('a', { className: 'queue-link', attrs: { href: `#/items/${row.id}` } }, row.title || '（无标题）')),
    cell('外部编号', 'ext-cell', row.externalId),
    cell('状态', 'state-cell', label(STATE, row.state)),
    dueCell(row),
    cell('扫描结论', 'verdict-cell', h('span', { className: `badge badge-${row.verdict ?? 'none'}` }, row.verdict ? label(VERDICT, row.verdict) : '未扫描')),
    cell('命中', 'chips', ...(counts.length ? counts.map(([c, n]) => h('span', { className: 'chip', attrs: { 'data-category': c } }, `${label(CATEGORY, c)} ${n}`)) : [h('span', { className: 'muted' }, '无')])),
    cell('报送系统', 'submitter-cell', row.submitter),
    cell('发布渠道', 'channels-cell', row.channels.map((c) => label(CHANNEL, c)).join('、') || '—'),
    timeCell('提交时间', row.submittedAt),
    timeCell('最近变动', row.updatedAt));
}
