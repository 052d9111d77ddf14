import { api, ApiError } from './api.js';
import { ItemRecord, recordApi } from './item-record.js';
import { revisionSection } from './revision-view.js';
import { AttachmentsView } from './attachment-view.js';
import { claimPanel } from './claim-panel.js';
import { decisionPanel, DecisionOutcome } from './decision-panel.js';
import { h } from './dom.js';
import { Flash, setFlash, takeFlash } from './flash.js';
import { formatWaiting, shortHash } from './format.js';
import { HitTooltip, renderHighlighted } from './highlighted-text.js';
import type { Span } from './highlight-segments.js';
import { placeOfHit } from './hit-place.js';
import { deliveriesSection, historyList, hitList, keywordList, versionFacts } from './item-sections.js';
import { CHANNEL, DECISION, label, STATE, VERDICT } from './labels.js';
import { mayRecall, recallPanel, RecallOutcome } from './recall-panel.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { Hit } from './wire.js';

/** States after the chief's approval, when channels have (or will have) deliveries to show. */
const RELEASED = ['approved', 'publishing', 'published', 'recalled'];
/** Refusals about what the form holds, which the generic 422 text (a missing reason) would misstate. */
const FIELD_REFUSALS: Record<string, string> = {
  dispositions: '还有“需复核”的命中未处置，或处置的命中已不在本版中。请刷新后逐条选择“已核实可公开”或“误报”。',
  confirmMarking: '确认的密级标志与拦截的标志不一致，请刷新页面后重新确认。',
};
const WAITING = ['awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'blocked', 'referred'];

/** Where each hit sits in the text the page shows: the title as is, an HTML body as its extracted text. */
function spansFor(item: ItemRecord, hits: readonly Hit[], field: 'title' | 'body'): Span[] {
  const html = field === 'body' && item.format === 'html';
  return hits.flatMap((hit, index) => {
    if (hit.field !== field) return [];
    const start = html ? hit.plainStart : hit.start;
    const end = html ? hit.plainEnd : hit.end;
    return start === undefined || end === undefined ? [] : [{ index, start, end }];
  });
}

function notice(flash: Flash | null): HTMLElement {
  const element = h('div', { className: `notice notice-${flash?.kind ?? 'info'}`, attrs: { id: 'notice', tabindex: '-1', role: flash?.kind === 'error' ? 'alert' : 'status' } }, flash?.text ?? '');
  element.hidden = !flash;
  return element;
}

/** The item under review: highlighted text on the left, facts and the decision on the right. */
export function showItem(main: HTMLElement, id: string, session: Session): () => void {
  let stopped = false;
  const load = (flash: Flash | null) => {
    main.replaceChildren(h('p', { className: 'loading muted' }, '正在载入稿件…'));
    recordApi.item(id).then(
      (item) => {
        if (!stopped) render(item, flash);
      },
      (error: unknown) => {
        if (stopped) return;
        main.replaceChildren(backLink(), notice({ kind: 'error', text: explainRefusal(error) }));
      },
    );
  };

  /** A refusal the form can fix (a missing reason, a network or server fault) stays beside it; any other reloads the item. */
  const refused = (error: unknown, panelNotice: HTMLElement) => {
    const field = error instanceof ApiError && error.status === 422 ? error.body.field : undefined;
    const text = (field && FIELD_REFUSALS[field]) || explainRefusal(error);
    const keepForm = !(error instanceof ApiError) || error.status === 422 || error.status >= 500;
    if (keepForm) {
      panelNotice.textContent = text;
      panelNotice.hidden = false;
      return;
    }
    // Someone else acted or the revision changed: show the item as it is now, with the reason on top.
    load({ kind: 'error', text });
  };

  const decided = (item: ItemRecord, outcome: DecisionOutcome, panelNotice: HTMLElement) => {
    if (outcome.ok) void goToNext(item, `已${label(DECISION, outcome.action)}：《${item.title}》。`);
    else refused(outcome.error, panelNotice);
  };

  // After a recall the reviewer stays on the item: its state and the recall deliveries are what they need to see.
  const recalled = (item: ItemRecord, outcome: RecallOutcome, panelNotice: HTMLElement) => {
    if (!outcome.ok) {
      refused(outcome.error, panelNotice);
      return;
    }
    const channels = outcome.answer.recalledChannels.map((c) => label(CHANNEL, c)).join('、');
    load({ kind: 'success', text: `已撤稿：《${item.title}》。${channels ? `已通知${channels}下架。` : '稿件尚未送达任何渠道，不会再发送。'}` });
  };

  const render = (item: ItemRecord, flash: Flash | null) => {
    const hits = item.scan?.hits ?? [];
    const shownBody = item.format === 'html' ? (item.plainText ?? '') : item.body;
    const title = h('h1', { className: 'doc-title', attrs: { id: 'doc-title' } }, renderHighlighted(item.title, spansFor(item, hits, 'title'), hits));
    const body = h('div', { className: 'doc-body', attrs: { id: 'doc-body' } }, renderHighlighted(shownBody, spansFor(item, hits, 'body'), hits));
    const doc = h('div', { className: 'doc-wrap' }, title, body);
    const tooltip = new HitTooltip(doc, hits);
    const attachments = item.attachments?.length ? new AttachmentsView(item, hits) : null;
    const jump = (index: number): boolean | Promise<boolean> => {
      if (hits[index]?.field === 'attachment') return attachments?.openHit(index) ?? false;
      const mark = doc.querySelector<HTMLElement>(`mark[data-hits~="${index}"]`);
      if (!mark) return false;
      mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
      mark.focus({ preventScroll: true });
      tooltip.show(mark);
      mark.classList.remove('hl-flash');
      void mark.offsetWidth; // restarts the flash animation on a second jump
      mark.classList.add('hl-flash');
      return true;
    };
    const top = notice(flash);
    const panelNotice = notice(null);
    panelNotice.id = 'decide-notice';
    panelNotice.setAttribute('role', 'alert');
    panelNotice.className = 'notice notice-error';
    const verdict = item.scan?.verdict;
    main.replaceChildren(
      backLink(),
      top,
      h('div', { className: 'item-grid' },
        h('article', { className: 'doc-panel', attrs: { 'aria-labelledby': 'doc-title' } },
          h('div', { className: 'doc-meta' },
            h('span', { className: `badge badge-state state-${item.state}`, attrs: { id: 'item-state' } }, label(STATE, item.state)),
            verdict ? h('span', { className: `badge badge-${verdict}` }, `扫描结论：${label(VERDICT, verdict)}`) : h('span', { className: 'badge badge-none' }, '尚未扫描'),
            attachments?.gapWarning() ?? null,
            h('span', { attrs: { id: 'item-unit', title: item.unit } }, item.unitName ?? item.unit),
            h('span', null, `第 ${item.revision} 版`),
            h('span', { className: 'hash', attrs: { title: item.contentHash } }, shortHash(item.contentHash)),
            WAITING.includes(item.state) ? h('span', { className: 'muted' }, `已等待 ${formatWaiting(item.waitingSince)}`) : null),
          item.format === 'html' ? h('p', { className: 'hint' }, '这是一篇 HTML 稿件，下方显示提取出的正文文字（含图片说明），标记按原文位置对应。') : null,
          doc,
          attachments?.section ?? null,
          revisionSection(item),
          h('p', { className: 'legend' },
            h('span', { className: 'hl hl-block' }, '拦截'), h('span', { className: 'hl hl-review' }, '需复核'), h('span', { className: 'hl hl-info' }, '提示'),
            h('span', { className: 'muted' }, '将鼠标移到标记上、点按或用 Tab 键聚焦，可查看原因和修改建议。'))),
        h('aside', { className: 'side', attrs: { 'aria-label': '审核信息' } },
          panelNotice,
          claimPanel(item, session),
          mayRecall(item, session)
            ? recallPanel(item, (outcome) => recalled(item, outcome, panelNotice))
            : decisionPanel(item, session, (outcome) => decided(item, outcome, panelNotice)),
          RELEASED.includes(item.state) ? deliveriesSection(item, session) : null,
          hitList(hits, jump, (hit) => placeOfHit(item, hit), item.scan?.hitGroups, item.scan?.hitCount, (rule, offset) => recordApi.hits(item.id, rule, offset)),
          keywordList(item),
          versionFacts(item),
          historyList(item))));
    if (flash) top.focus();
  };

  load(takeFlash());
  return () => {
    stopped = true;
  };
}

function backLink(): HTMLElement {
  return h('nav', { className: 'crumbs', attrs: { 'aria-label': '位置' } }, h('a', { attrs: { href: '#/queue' } }, '← 返回我的待审'));
}

/** After a decision: the oldest item still waiting for me, or the queue when there is none. */
async function goToNext(done: ItemRecord, message: string): Promise<void> {
  try {
    const { items } = await api.queue(2);
    const next = items.find((entry) => entry.id !== done.id);
    setFlash({ kind: 'success', text: next ? `${message}以下是下一篇待审稿件。` : `${message}待审稿件已全部处理。` });
    location.hash = next ? `#/items/${next.id}` : '#/queue';
  } catch {
    setFlash({ kind: 'success', text: message });
    location.hash = '#/queue';
  }
}
