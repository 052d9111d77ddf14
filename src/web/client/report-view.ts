import { api } from './api.js';
import { h } from './dom.js';
import { formatTime, formatWaiting } from './format.js';
import { CATEGORY, label, LEVEL, STATE, VERDICT } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { LevelTimes, UnitReport } from './wire.js';

/** Who sees 统计报表 (mirrors assertMayReadReports in libs/workflow). */
const READERS = ['leader', 'chief', 'admin'];
export const mayReadReports = (session: Session): boolean => session.user.roles.some((role) => READERS.includes(role));

interface Period {
  id: string;
  text: string;
  /** Dates in UTC+8, both days included; none means the server's default, the last seven days. */
  range?: (today: string) => [string, string];
}

const PERIODS: Period[] = [
  { id: 'week', text: '近7天' },
  { id: 'month', text: '本月', range: (today) => [`${today.slice(0, 8)}01`, today] },
  { id: 'year', text: '本年', range: (today) => [`${today.slice(0, 5)}01-01`, today] },
];

/** Today's date in China Standard Time, the calendar units report in. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function minutes(value: number | null): string {
  if (value === null) return '—';
  if (value < 60) return `${value} 分钟`;
  const hours = value / 60;
  return hours < 48 ? `${hours.toFixed(1)} 小时` : `${(hours / 24).toFixed(1)} 天`;
}

function countTable(id: string, caption: string, rows: Array<[string, number]>): HTMLElement {
  return h('table', { className: 'figures', attrs: { id } },
    h('caption', null, caption),
    h('tbody', null, ...rows.map(([name, n]) => h('tr', null, h('th', { attrs: { scope: 'row' } }, name), h('td', null, String(n))))));
}

/** 已超期: a count past the levels' due times, marked when there is any, with the levels that hold them. */
function overdueLine(id: string, text: string, n: number, levels: string): HTMLElement {
  return h('p', { className: n > 0 ? 'report-lead overdue' : 'report-lead', attrs: { id } }, text, levels ? `（${levels}）` : '', '。');
}

function render(report: UnitReport): HTMLElement[] {
  const { now, inPeriod } = report;
  const nonZero = (counts: Record<string, number>, table: Record<string, string>) =>
    Object.entries(counts).filter(([, n]) => n > 0).map(([key, n]) => [label(table, key), n] as [string, number]);
  const times = (level: 'filler' | 'leader' | 'chief', t: LevelTimes) =>
    h('tr', { attrs: { 'data-level': level } }, h('th', { attrs: { scope: 'row' } }, label(LEVEL, level)), h('td', null, String(t.decided)), h('td', null, minutes(t.medianMinutes)), h('td', null, minutes(t.p90Minutes)), h('td', null, minutes(t.maxMinutes)));
  return [
    h('section', { className: 'report-block', attrs: { 'aria-labelledby': 'report-now' } },
      h('h2', { attrs: { id: 'report-now' } }, '当前状况'),
      h('p', { className: 'report-lead', attrs: { id: 'report-awaiting' } },
        `待审核 ${now.awaitingReview} 件`, now.oldestWaitingSince ? `，等待最久的已等 ${formatWaiting(now.oldestWaitingSince)}` : ''),
      overdueLine('report-overdue', `已超期 ${now.overdue.total} 件`, now.overdue.total,
        (['filler', 'leader', 'chief'] as const).filter((level) => now.overdue[level] > 0).map((level) => `${label(LEVEL, level)} ${now.overdue[level]}`).join('，')),
      countTable('report-states', '稿件状态分布', nonZero(now.byState, STATE))),
    h('section', { className: 'report-block', attrs: { 'aria-labelledby': 'report-period' } },
      h('h2', { attrs: { id: 'report-period' } }, `本期情况（${formatTime(report.period.from)} 至 ${formatTime(report.period.to)}）`),
      h('p', { className: 'report-lead', attrs: { id: 'report-received' } },
        `新收稿件 ${inPeriod.received} 件；撤稿 ${inPeriod.recalls} 次；扫描 ${inPeriod.scans.total} 次：`,
        ['pass', 'review', 'block'].map((v) => `${label(VERDICT, v)} ${inPeriod.scans.byVerdict[v] ?? 0}`).join('，'), '。'),
      overdueLine('report-period-overdue', `本期超过办理时限 ${inPeriod.overdue} 件次`, inPeriod.overdue, ''),
      countTable('report-entered', '期间进入各状态的次数', nonZero(inPeriod.entered, STATE)),
      countTable('report-hits', '扫描命中（按类别）', nonZero(inPeriod.scans.hitsByCategory, CATEGORY))),
    h('section', { className: 'report-block', attrs: { 'aria-labelledby': 'report-times' } },
      h('h2', { attrs: { id: 'report-times' } }, '各审核环节用时'),
      h('p', { className: 'hint' }, '自稿件进入该环节至作出决定；报保密审查期间不计入。'),
      h('table', { className: 'figures', attrs: { id: 'report-review-times' } },
        h('thead', null, h('tr', null, ...['审核环节', '已决定', '中位用时', '90% 在此之内', '最长'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
        h('tbody', null, times('filler', inPeriod.reviewTimes.filler), times('leader', inPeriod.reviewTimes.leader), times('chief', inPeriod.reviewTimes.chief)))),
  ];
}

/** 统计报表: the unit's figures for its daily and weekly bulletins, for the leader, chief and secrecy administrator. */
export function showReport(main: HTMLElement): () => void {
  let stopped = false;
  const body = h('div', { className: 'report-body', attrs: { id: 'report-body', 'aria-live': 'polite' } }, h('p', { className: 'loading muted' }, '正在统计…'));
  const heading = h('h1', null, '统计报表');
  const buttons = PERIODS.map((period) => {
    const button = h('button', { className: 'button secondary', attrs: { type: 'button', 'data-period': period.id, 'aria-pressed': 'false' } }, period.text);
    button.addEventListener('click', () => load(period));
    return button;
  });
  const load = (period: Period) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.period === period.id));
    const [from, to] = period.range?.(chinaToday()) ?? [];
    api.report(from, to).then(
      (report) => {
        if (stopped) return;
        heading.textContent = `统计报表 · ${report.unit.name}`;
        body.replaceChildren(...render(report));
      },
      (error: unknown) => {
        if (!stopped) body.replaceChildren(h('p', { className: 'notice notice-error', attrs: { role: 'alert' } }, explainRefusal(error)));
      },
    );
  };
  main.replaceChildren(
    h('section', { className: 'report-page' },
      h('div', { className: 'page-head' }, heading, h('div', { className: 'page-head-tools', attrs: { role: 'group', 'aria-label': '统计期间' } }, ...buttons)),
      body));
  load(PERIODS[0]);
  return () => {
    stopped = true;
  };
}
