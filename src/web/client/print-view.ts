import { h } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, CHANNEL, DECISION, label, LEVEL, STATE, VERDICT } from './labels.js';
import { DecisionRecord, ItemRecord, nameOf, OUTCOME, recordApi } from './item-record.js';
import { explainRefusal } from './refusals.js';

const LEVEL_ROWS: Array<{ level: string; signer: string }> = [
  { level: 'filler', signer: '初审人' },
  { level: 'leader', signer: '复审人' },
  { level: 'chief', signer: '复核人' },
];

/** The last decision at a level on the current revision: the one that counts on the form. */
function decisionAt(item: ItemRecord, level: string): DecisionRecord | undefined {
  return [...item.decisions].reverse().find((d) => d.level === level && d.revision === item.revision);
}

function row(term: string, ...value: Array<Node | string | null>): HTMLTableRowElement {
  return h('tr', null, h('th', { attrs: { scope: 'row' } }, term), h('td', null, ...value));
}

function dispositionsOf(item: ItemRecord, d: DecisionRecord | undefined): HTMLElement | string {
  if (!d?.dispositions?.length) return '—';
  const textOf = new Map((item.scan?.hits ?? []).map((x) => [x.id, x.text]));
  return h('ul', { className: 'form-dispositions' }, ...d.dispositions.map((x) =>
    h('li', null, `${textOf.get(x.hitId) ?? x.ruleId}：${OUTCOME[x.outcome] ?? x.outcome}${x.note ? `（${x.note}）` : ''}`)));
}

function levelBlock(item: ItemRecord, level: string, signer: string, d: DecisionRecord | undefined): HTMLElement {
  const cell = (...children: Array<Node | string | null>) => h('td', null, ...children);
  const head = (text: string) => h('th', { attrs: { scope: 'row' } }, text);
  const wide = (...children: Array<Node | string | null>) => h('td', { attrs: { colspan: '5' } }, ...children);
  return h('table', { className: 'form-level', attrs: { 'data-level': level } },
    h('caption', null, `${label(LEVEL, level)}意见`),
    h('tbody', null,
      h('tr', null, head('审核人'), cell(d ? nameOf(d) : '—'), head('审核决定'), cell(d ? label(DECISION, d.decision) : '尚未审核'), head('审核时间'), cell(d ? formatTime(d.at) : '—')),
      h('tr', null, head('审核意见'), wide(d?.comment ?? '—')),
      h('tr', null, head('命中处置'), wide(dispositionsOf(item, d))),
      h('tr', null, head(`${signer}签字`), wide(h('span', { className: 'sign-line' }, ''), h('span', { className: 'sign-date' }, '日期：'), h('span', { className: 'sign-line short' }, '')))));
}

/** 保密审查审批表: one A4 sheet per item for the unit's files, printed from #/items/<id>/print. */
export function approvalForm(item: ItemRecord): HTMLElement {
  const counts = new Map<string, number>();
  for (const group of item.scan?.hitGroups ?? []) counts.set(group.category, (counts.get(group.category) ?? 0) + group.count);
  const hitSummary = [...counts].map(([category, n]) => `${label(CATEGORY, category)} ${n} 处`).join('，') || '无';
  const admin = [...item.decisions].reverse().find((d) => d.level === 'admin' && d.revision === item.revision);
  return h('article', { className: 'approval-form', attrs: { id: 'approval-form', 'aria-labelledby': 'approval-form-title' } },
    h('h1', { attrs: { id: 'approval-form-title' } }, '政府信息公开保密审查审批表'),
    h('p', { className: 'form-unit' }, `填报单位：${item.unitName ?? item.unit}`),
    h('table', { className: 'form-facts' }, h('tbody', null,
      row('稿件标题', item.title),
      row('稿件编号', item.externalId),
      row('版本', `第 ${item.revision} 版（提交于 ${formatTime(item.submittedAt)}）`),
      row('内容校验值', h('span', { className: 'hash' }, item.contentHash)),
      row('发布渠道', item.channels.map((c) => label(CHANNEL, c)).join('、') || '—'),
      row('扫描结论', item.scan ? `${label(VERDICT, item.scan.verdict)}；${hitSummary}` : '尚未扫描'),
      row('当前状态', label(STATE, item.state)))),
    ...LEVEL_ROWS.map(({ level, signer }) => levelBlock(item, level, signer, decisionAt(item, level))),
    admin ? levelBlock(item, 'admin', '保密管理员', admin) : null,
    h('p', { className: 'form-note' }, `本表由密审系统生成于 ${formatTime(new Date().toISOString())}，审核记录以系统存档为准。`));
}

export function showPrint(main: HTMLElement, id: string): () => void {
  let stopped = false;
  main.replaceChildren(h('p', { className: 'loading muted' }, '正在生成审批表…'));
  recordApi.item(id).then((item) => {
    if (stopped) return;
    const print = h('button', { className: 'button primary', attrs: { type: 'button', id: 'print-now' } }, '打印');
    print.addEventListener('click', () => window.print());
    main.replaceChildren(
      h('nav', { className: 'print-actions crumbs', attrs: { 'aria-label': '位置' } },
        h('a', { attrs: { href: `#/items/${item.id}` } }, '← 返回稿件'), ' ', print),
      approvalForm(item));
  }, (error: unknown) => {
    if (!stopped) main.replaceChildren(h('p', { className: 'notice notice-error' }, explainRefusal(error)));
  });
  return () => { stopped = true; };
}
