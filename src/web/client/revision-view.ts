import { h } from './dom.js';
import { formatBytes, formatTime, shortHash } from './format.js';
import { segmentsOf } from './highlight-segments.js';
import { CATEGORY, DECISION, label, LEVEL, SEVERITY } from './labels.js';
import { DiffSegment, FieldDiff, ItemRecord, nameOf, recordApi, RevisionRecord, SideHit } from './item-record.js';
import { dispositionList, section } from './item-sections.js';
import { explainRefusal } from './refusals.js';

/** A run of diffed text with the hits of its side marked; offsets are the side's (old for delete, new otherwise). */
function markedRun(text: string, base: number, hits: readonly SideHit[]): DocumentFragment {
  const spans = hits.flatMap((hit, index) => {
    const start = Math.max(hit.start, base) - base;
    const end = Math.min(hit.end, base + text.length) - base;
    return start < end ? [{ index, start, end }] : [];
  });
  const fragment = document.createDocumentFragment();
  for (const piece of segmentsOf(text.length, spans)) {
    const part = text.slice(piece.start, piece.end);
    if (piece.covering.length === 0) {
      fragment.append(part);
      continue;
    }
    const hit = hits[piece.covering[0]];
    fragment.append(h('mark', { className: `hl hl-${hit.severity}`, attrs: { title: `${label(CATEGORY, hit.category)}（${label(SEVERITY, hit.severity)}）`, 'data-hit-id': hit.id } }, part));
  }
  return fragment;
}

/** 对比: deleted text struck through, inserted text underlined, each side's hits marked where they are. */
export function renderDiff(diff: FieldDiff, id: string): HTMLElement {
  const out = h('div', { className: 'diff-text', attrs: { id } });
  if (diff.segments.length === 0) out.append(h('span', { className: 'muted' }, '（空）'));
  for (const segment of diff.segments as DiffSegment[]) {
    if (segment.op === 'delete') out.append(h('del', { className: 'diff-del', attrs: { title: '旧版删去' } }, markedRun(segment.text, segment.from, diff.fromHits)));
    else if (segment.op === 'insert') out.append(h('ins', { className: 'diff-ins', attrs: { title: '新版增加' } }, markedRun(segment.text, segment.to, diff.toHits)));
    else out.append(h('span', null, markedRun(segment.text, segment.to, diff.toHits)));
  }
  return out;
}

const CHANGE: Record<string, string> = { added: '新增', removed: '删除', changed: '有修改', same: '未改动' };

function revisionOption(r: { number: number; submittedAt: string }, current: number, selected: number): HTMLOptionElement {
  const option = h('option', { attrs: { value: String(r.number) } }, `第 ${r.number} 版 · ${formatTime(r.submittedAt)}${r.number === current ? '（当前）' : ''}`);
  option.selected = r.number === selected;
  return option;
}

/** One earlier revision as it was submitted: its text with its hits, its files' names and the decisions on it. */
function revisionDetail(item: ItemRecord, revision: RevisionRecord): HTMLElement {
  const hits = (revision.scan?.hits ?? []).filter((x) => x.field === 'body' && revision.format === 'text');
  const body = h('div', { className: 'doc-body revision-body' }, markedRun(revision.body, 0, hits));
  return h('div', { className: 'revision-detail', attrs: { id: 'revision-detail', 'data-revision': String(revision.number) } },
    h('h3', null, `第 ${revision.number} 版：${revision.title}`),
    h('p', { className: 'muted' }, `提交于 ${formatTime(revision.submittedAt)} · 校验值 `, h('span', { className: 'hash', attrs: { title: revision.contentHash } }, shortHash(revision.contentHash)),
      revision.scan ? ` · 命中 ${revision.scan.hitCount ?? revision.scan.hits.length} 处` : ' · 尚未扫描'),
    body,
    revision.attachments.length
      ? h('ul', { className: 'revision-files' }, ...revision.attachments.map((a) => h('li', null, `附件：${a.filename}（${formatBytes(a.size)}）`)))
      : null,
    revision.decisions.length
      ? h('ol', { className: 'timeline' }, ...revision.decisions.map((d) => h('li', null,
        h('strong', null, `${label(LEVEL, d.level)} · ${label(DECISION, d.decision)}`), h('span', { className: 'muted' }, ` ${nameOf(d)} · ${formatTime(d.at)}`),
        d.comment ? h('p', { className: 'comment' }, d.comment) : null,
        d.dispositions?.length ? dispositionList({ scan: revision.scan }, d.dispositions) : null)))
      : h('p', { className: 'muted' }, '该版本没有审核决定。'),
    item.format === 'html' ? h('p', { className: 'hint' }, '此为 HTML 源码。') : null);
}

/** 修订版本 and 对比 on the item page: pick any revision to read, or two to compare. */
export function revisionSection(item: ItemRecord): HTMLElement | null {
  const revisions = item.revisions ?? [];
  if (revisions.length < 2) return null;
  const latest = item.revision;
  const previous = revisions[revisions.length - 2].number;
  const pick = h('select', { attrs: { id: 'revision-pick', 'aria-label': '查看版本' } }, ...revisions.map((r) => revisionOption(r, latest, previous)));
  const from = h('select', { attrs: { id: 'diff-from', 'aria-label': '对比：旧版' } }, ...revisions.map((r) => revisionOption(r, latest, previous)));
  const to = h('select', { attrs: { id: 'diff-to', 'aria-label': '对比：新版' } }, ...revisions.map((r) => revisionOption(r, latest, latest)));
  const open = h('button', { className: 'button secondary small', attrs: { type: 'button', id: 'revision-open' } }, '查看');
  const compare = h('button', { className: 'button secondary small', attrs: { type: 'button', id: 'diff-run' } }, '对比');
  const out = h('div', { className: 'revision-out', attrs: { 'aria-live': 'polite' } });
  const failed = (error: unknown) => out.replaceChildren(h('p', { className: 'notice notice-error' }, explainRefusal(error)));
  open.addEventListener('click', () => {
    out.replaceChildren(h('p', { className: 'muted' }, '正在载入…'));
    recordApi.revision(item.id, Number(pick.value)).then((r) => out.replaceChildren(revisionDetail(item, r)), failed);
  });
  compare.addEventListener('click', () => {
    out.replaceChildren(h('p', { className: 'muted' }, '正在对比…'));
    recordApi.diff(item.id, Number(from.value), Number(to.value)).then((diff) => {
      const files = diff.attachments.map((a) => h('li', { attrs: { 'data-file': a.filename } },
        h('strong', null, a.filename), ` · ${CHANGE[a.change] ?? a.change}`,
        a.text ? renderDiff(a.text, `diff-file-${a.filename.replace(/[^A-Za-z0-9]/g, '')}`) : a.textOmitted ? h('span', { className: 'muted' }, `（${a.textOmitted === 'not scanned yet' ? '尚未扫描' : '文字过长，未逐字对比'}）`) : null));
      out.replaceChildren(h('div', { className: 'diff-view', attrs: { id: 'diff-view' } },
        h('p', { className: 'diff-legend' }, `第 ${diff.from.number} 版 → 第 ${diff.to.number} 版：`, h('del', { className: 'diff-del' }, '删去'), ' ', h('ins', { className: 'diff-ins' }, '增加'), ' ', h('mark', { className: 'hl hl-review' }, '命中')),
        h('h3', null, '标题'), renderDiff(diff.title, 'diff-title'),
        h('h3', null, '正文'), renderDiff(diff.body, 'diff-body'),
        files.length ? h('h3', null, '附件') : null,
        files.length ? h('ul', { className: 'diff-files' }, ...files) : null));
    }, failed);
  });
  return section(`修订版本（共 ${revisions.length} 版）`, 'revisions',
    h('div', { className: 'revision-controls' }, h('label', null, '查看 ', pick), open),
    h('div', { className: 'revision-controls' }, h('label', null, '对比 ', from), h('span', null, ' 与 '), h('label', null, to), compare),
    out);
}
