import { attachmentName } from './attachment-view.js';
import { h } from './dom.js';
import type { HitPlace } from './item-sections.js';
import { locationLabel } from './location-label.js';
import type { Hit, ItemDetail, Part } from './wire.js';

/** Places in an HTML body that its readers never see; their hits point into the HTML source. */
const HIDDEN_HTML: readonly Part[] = ['html-comment', 'html-attribute', 'html-hidden', 'script'];
const SOURCE_CONTEXT = 60;

/** The HTML source around a hit, as text, the hit itself marked: the only way to show a comment, a link address or a script. */
function sourceAround(body: string, hit: Hit): HTMLElement | null {
  if (!(hit.start >= 0 && hit.end <= body.length && hit.start < hit.end)) return null;
  const from = Math.max(0, hit.start - SOURCE_CONTEXT);
  const to = Math.min(body.length, hit.end + SOURCE_CONTEXT);
  return h('div', { className: 'hit-source' },
    h('span', { className: 'hit-source-label' }, 'HTML 源码：'),
    h('code', null,
      from > 0 ? '…' : '',
      body.slice(from, hit.start),
      h('mark', { className: `hl hl-${hit.severity} hl-source` }, body.slice(hit.start, hit.end)),
      body.slice(hit.end, to),
      to < body.length ? '…' : ''));
}

export function placeOfHit(item: ItemDetail, hit: Hit): HitPlace {
  const where = hit.location ? locationLabel(hit.location) : null;
  if (hit.field === 'attachment') {
    const name = hit.attachment === undefined ? '附件' : attachmentName(item, hit.attachment);
    return { label: where ? `${name} · ${where}` : name, source: null, unseen: `该处位于${name}${where ? `的${where}` : ''}，没有可显示的提取文字，请下载原件核对。` };
  }
  if (hit.field === 'body' && hit.location && HIDDEN_HTML.includes(hit.location.part)) {
    return { label: `正文 · ${where}（页面上不显示）`, source: sourceAround(item.body, hit), unseen: `该处位于稿件的${where}，正文中不显示，见上方的 HTML 源码。` };
  }
  return { label: null, source: null, unseen: '该处位于稿件的 HTML 标记内，正文中无对应文字。' };
}
