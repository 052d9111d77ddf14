import { h } from './dom.js';
import { segmentsOf, Span } from './highlight-segments.js';
import { CATEGORY, label, SEVERITY } from './labels.js';
import type { Hit, Severity } from './wire.js';

const STRENGTH: Record<Severity, number> = { block: 3, review: 2, info: 1 };

export function strongest(hits: readonly Hit[]): Severity {
  return hits.reduce<Severity>((best, hit) => (STRENGTH[hit.severity] > STRENGTH[best] ? hit.severity : best), 'info');
}

/**
 * Renders `text` as text nodes with a <mark> per segment of hits; each mark names its hits in
 * data-hits so the hit list can jump to it and the tooltip can explain it.
 */
export function renderHighlighted(text: string, spans: readonly Span[], hits: readonly Hit[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const segment of segmentsOf(text.length, spans)) {
    const piece = text.slice(segment.start, segment.end);
    if (segment.covering.length === 0) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const covering = segment.covering.map((i) => hits[i]);
    const names = covering.map((hit) => `${label(CATEGORY, hit.category)}（${label(SEVERITY, hit.severity)}）`).join('，');
    fragment.appendChild(
      h('mark', {
        className: `hl hl-${strongest(covering)}${covering.length > 1 ? ' hl-nested' : ''}`,
        attrs: { 'data-hits': segment.covering.join(' '), tabindex: '0', 'aria-label': `${piece}：${names}` },
      }, piece),
    );
  }
  return fragment;
}

/** A tooltip of the item page (one for the text, one for an attachment's part): shows every hit covering the mark under the pointer, focus or finger. */
export class HitTooltip {
  readonly element: HTMLElement;
  private current: HTMLElement | null = null;

  constructor(private readonly container: HTMLElement, private readonly hits: readonly Hit[], id = 'hit-tip') {
    this.element = h('div', { className: 'hit-tip', attrs: { role: 'tooltip', id, hidden: '' } });
    container.appendChild(this.element);
    container.addEventListener('mouseover', (e) => this.fromEvent(e));
    container.addEventListener('focusin', (e) => this.fromEvent(e));
    container.addEventListener('click', (e) => this.fromEvent(e));
    container.addEventListener('mouseleave', () => this.hide());
    container.addEventListener('focusout', (e) => {
      if (!container.contains((e as FocusEvent).relatedTarget as Node | null)) this.hide();
    });
    container.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') this.hide();
    });
  }

  show(mark: HTMLElement): void {
    if (this.current === mark && !this.element.hidden) return;
    this.current?.removeAttribute('aria-describedby');
    this.current = mark;
    const indexes = (mark.dataset.hits ?? '').split(' ').map(Number);
    this.element.replaceChildren(...indexes.map((i) => this.describe(this.hits[i])));
    this.element.hidden = false;
    mark.setAttribute('aria-describedby', this.element.id);
    const box = this.container.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    const width = Math.min(360, box.width - 16);
    const left = Math.max(8, Math.min(at.left - box.left, box.width - width - 8));
    // CSSOM writes are allowed under style-src 'self'; only inline style attributes in markup are not.
    this.element.style.width = `${width}px`;
    this.element.style.left = `${left}px`;
    this.element.style.top = `${at.bottom - box.top + this.container.scrollTop + 6}px`;
  }

  hide(): void {
    this.element.hidden = true;
    this.current?.removeAttribute('aria-describedby');
    this.current = null;
  }

  private fromEvent(event: Event): void {
    const mark = (event.target as Element | null)?.closest?.('mark.hl');
    if (mark instanceof HTMLElement && this.container.contains(mark)) this.show(mark);
  }

  private describe(hit: Hit): HTMLElement {
    return h('div', { className: 'hit-tip-entry' },
      h('div', { className: 'hit-tip-head' },
        h('span', { className: `badge badge-${hit.severity}` }, label(SEVERITY, hit.severity)),
        h('strong', null, label(CATEGORY, hit.category))),
      h('p', null, hit.reason),
      hit.suggestion ? h('p', { className: 'hit-tip-suggestion' }, '建议改为：', h('code', null, hit.suggestion)) : null,
    );
  }
}
