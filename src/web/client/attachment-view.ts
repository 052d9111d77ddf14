import { api, attachmentPath } from './api.js';
import { h } from './dom.js';
import { formatBytes, shortHash } from './format.js';
import { HitTooltip, renderHighlighted } from './highlighted-text.js';
import type { Span } from './highlight-segments.js';
import { label, VERDICT } from './labels.js';
import { GAP_REASON, locationLabel, PART } from './location-label.js';
import { explainRefusal } from './refusals.js';
import type { Attachment, AttachmentParts, Coverage, Hit, ItemDetail, Location } from './wire.js';

/** 附件1《通知.docx》: how the page names an attachment everywhere; the name is always set as text. */
export function attachmentName(item: ItemDetail, index: number): string {
  const attachment = item.attachments?.find((a) => a.index === index);
  return `附件${index + 1}${attachment ? `《${attachment.filename}》` : ''}`;
}

/** The whole file when the gap names no narrower place. */
function gapPlace(location: Location): string {
  const narrowed = location.page ?? location.sheet ?? location.slide ?? location.cell ?? location.inner ?? location.field;
  return location.part === 'unreadable' && narrowed === undefined ? '整个文件' : locationLabel(location);
}

function examinedText(coverage: Coverage): string {
  if (coverage.examined.length === 0) return '未从文件中提取到文字。';
  return `已审查：${coverage.examined.map((p) => `${PART[p.part] ?? p.part}（${p.chars} 字）`).join('、')}。`;
}

/** What could not be examined, loud: a reviewer must open the original for these, the scanner did not read them. */
function gapAlert(coverage: Coverage, index: number): HTMLElement | null {
  if (coverage.gaps.length === 0) return null;
  return h('div', { className: 'gap-alert', attrs: { role: 'note', 'data-gaps': String(index), 'aria-labelledby': `gap-title-${index}` } },
    h('strong', { attrs: { id: `gap-title-${index}` } }, `有 ${coverage.gaps.length} 处内容未能审查，请下载原件人工核对`),
    h('ul', null, ...coverage.gaps.map((gap) =>
      h('li', { attrs: { 'data-reason': gap.reason } },
        h('span', { className: 'gap-place' }, gapPlace(gap.location)), '：',
        h('strong', null, GAP_REASON[gap.reason] ?? gap.reason),
        gap.detail ? `（${gap.detail}）` : ''))));
}

/**
 * 附件: each file of the revision with its verdict, what the scanner read and what it could not, and the
 * original to download; below, the text of one part with its hits highlighted, opened from a hit or a button.
 */
export class AttachmentsView {
  readonly section: HTMLElement;
  private readonly viewer: HTMLElement;
  private readonly viewerTitle = h('h3', { attrs: { id: 'part-title' } });
  private readonly viewerNote = h('p', { className: 'notice notice-error', attrs: { id: 'part-notice', role: 'alert', hidden: '' } });
  private readonly viewerText = h('div', { className: 'part-text', attrs: { id: 'part-text', tabindex: '-1' } });
  private readonly partPicker = h('select', { attrs: { id: 'part-picker', 'aria-label': '选择要查看的部分' } });
  private readonly tooltip: HitTooltip;
  private readonly parts = new Map<number, Promise<AttachmentParts>>();
  private shown: { attachment: number; partIndex: number } | null = null;
  private request = 0;

  constructor(private readonly item: ItemDetail, private readonly hits: readonly Hit[]) {
    const attachments = item.attachments ?? [];
    const wrap = h('div', { className: 'doc-wrap part-wrap' }, this.viewerText);
    this.tooltip = new HitTooltip(wrap, hits, 'part-hit-tip');
    const close = h('button', { className: 'button secondary small', attrs: { type: 'button', id: 'part-close' } }, '收起');
    close.addEventListener('click', () => this.close());
    this.partPicker.addEventListener('change', () => {
      if (this.shown) void this.show(this.shown.attachment, Number(this.partPicker.value));
    });
    this.viewer = h('div', { className: 'part-panel', attrs: { id: 'attachment-part', 'aria-labelledby': 'part-title', role: 'region', hidden: '' } },
      h('div', { className: 'part-head' }, this.viewerTitle, close),
      h('p', { className: 'hint' }, '以下是扫描时从附件中提取的文字（非原件排版），标记处为扫描命中。'),
      this.partPicker,
      this.viewerNote,
      wrap);
    this.section = h('section', { className: 'attachments', attrs: { id: 'attachments', 'aria-labelledby': 'attachments-title' } },
      h('h2', { attrs: { id: 'attachments-title' } }, `附件（${attachments.length}）`),
      h('ol', { className: 'attachment-list' }, ...attachments.map((a) => this.entry(a))),
      this.viewer);
  }

  /** For the top of the page: a warning that some attachment was not fully examined, which scrolls to the first such one; null when all were read. */
  gapWarning(): HTMLElement | null {
    const gaps = (this.item.attachments ?? []).filter((a) => a.coverage && a.coverage.gaps.length > 0);
    if (gaps.length === 0) return null;
    const button = h('button', { className: 'badge badge-block gap-jump', attrs: { type: 'button', id: 'gap-warning' } }, `${gaps.length} 个附件有内容未能审查`);
    button.addEventListener('click', () => {
      const alert = this.section.querySelector<HTMLElement>(`[data-gaps="${gaps[0].index}"]`);
      alert?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      alert?.setAttribute('tabindex', '-1');
      alert?.focus({ preventScroll: true });
    });
    return button;
  }

  /** Opens the part a hit is in and moves focus to its highlight; false when the hit has no stored text to show. */
  async openHit(hitIndex: number): Promise<boolean> {
    const hit = this.hits[hitIndex];
    if (hit?.field !== 'attachment' || hit.attachment === undefined || hit.partIndex === undefined) return false;
    if (!(await this.show(hit.attachment, hit.partIndex))) return false;
    const mark = this.viewerText.querySelector<HTMLElement>(`mark[data-hits~="${hitIndex}"]`);
    if (!mark) return false;
    mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark.focus({ preventScroll: true });
    this.tooltip.show(mark);
    mark.classList.remove('hl-flash');
    void mark.offsetWidth; // restarts the flash animation on a second jump
    mark.classList.add('hl-flash');
    return true;
  }

  private entry(attachment: Attachment): HTMLElement {
    const { index, coverage, verdict } = attachment;
    const hitCount = this.hits.filter((hit) => hit.field === 'attachment' && hit.attachment === index).length;
    const status = h('p', { className: 'field-error', attrs: { id: `download-status-${index}`, role: 'alert' } });
    const download = h('a', { className: 'button secondary small', attrs: { href: attachmentPath(this.item.id, this.item.revision, index), 'data-download': String(index) } }, '下载原件');
    download.addEventListener('click', (event) => {
      event.preventDefault();
      void this.download(attachment, status);
    });
    const read = h('button', { className: 'button secondary small', attrs: { type: 'button', 'data-read': String(index) } }, '查看提取的文字');
    read.addEventListener('click', () => void this.show(index, null).then((ok) => ok && this.viewerText.focus()));
    return h('li', { className: 'attachment', attrs: { 'data-attachment': String(index) } },
      h('div', { className: 'attachment-head' },
        h('span', { className: 'attachment-no' }, `附件${index + 1}`),
        h('strong', { className: 'attachment-name' }, attachment.filename),
        verdict ? h('span', { className: `badge badge-${verdict}` }, `扫描结论：${label(VERDICT, verdict)}`) : h('span', { className: 'badge badge-none' }, '尚未扫描')),
      h('p', { className: 'attachment-facts muted' },
        `${formatBytes(attachment.size)} · ${attachment.contentType || '未声明类型'} · `,
        h('span', { className: 'hash', attrs: { title: attachment.sha256 } }, `SHA-256 ${shortHash(attachment.sha256)}`),
        hitCount ? ` · 命中 ${hitCount} 处` : ''),
      coverage ? gapAlert(coverage, index) : null,
      h('p', { className: 'attachment-coverage' }, coverage ? examinedText(coverage) : '附件尚未扫描，暂无审查范围。'),
      h('div', { className: 'actions' }, download, coverage && coverage.examined.length ? read : null),
      status);
  }

  private async download(attachment: Attachment, status: HTMLElement): Promise<void> {
    status.textContent = '';
    try {
      const blob = await api.attachment(this.item.id, this.item.revision, attachment.index);
      const url = URL.createObjectURL(blob);
      // The name goes to the download attribute only: the browser saves under it and renders nothing.
      const save = h('a', { attrs: { href: url, download: attachment.filename, hidden: '' } });
      document.body.appendChild(save);
      save.click();
      save.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      status.textContent = `无法下载${attachmentName(this.item, attachment.index)}：${explainRefusal(error)}`;
    }
  }

  private partsOf(attachment: number): Promise<AttachmentParts> {
    let parts = this.parts.get(attachment);
    if (!parts) {
      parts = api.attachmentParts(this.item.id, attachment);
      // A refusal is not kept: the next click asks again.
      parts.catch(() => this.parts.delete(attachment));
      this.parts.set(attachment, parts);
    }
    return parts;
  }

  /** Shows one part (the first with hits, or the first, when `partIndex` is null); false when there is nothing to show. */
  private async show(attachment: number, partIndex: number | null): Promise<boolean> {
    const request = ++this.request;
    this.viewer.hidden = false;
    this.viewerNote.hidden = true;
    let answer: AttachmentParts;
    try {
      answer = await this.partsOf(attachment);
    } catch (error) {
      if (request === this.request) this.say(`无法载入${attachmentName(this.item, attachment)}的文字：${explainRefusal(error)}`);
      return false;
    }
    if (request !== this.request) return false; // a later click won
    const parts = answer.parts;
    const inAttachment = (hit: Hit) => hit.field === 'attachment' && hit.attachment === attachment;
    const wanted = partIndex ?? this.hits.find((hit) => inAttachment(hit) && hit.partIndex !== undefined)?.partIndex ?? parts[0]?.partIndex;
    const part = parts.find((p) => p.partIndex === wanted);
    this.viewerTitle.textContent = `${attachmentName(this.item, attachment)} · ${part ? locationLabel(part.location) : '提取的文字'}`;
    this.partPicker.replaceChildren(...parts.map((p) => {
      const count = this.hits.filter((hit) => inAttachment(hit) && hit.partIndex === p.partIndex).length;
      return h('option', { attrs: { value: String(p.partIndex) } }, `${locationLabel(p.location)}${count ? `（命中 ${count} 处）` : ''}`);
    }));
    this.partPicker.hidden = parts.length < 2;
    this.tooltip.hide();
    if (!part) {
      this.viewerText.replaceChildren();
      this.say(answer.capped ? '这部分文字超出保存上限，没有保存下来，请下载原件查看。' : '这部分文字无法显示，请下载原件查看。');
      this.shown = null;
      return false;
    }
    this.partPicker.value = String(part.partIndex);
    const spans: Span[] = this.hits.flatMap((hit, index) => (inAttachment(hit) && hit.partIndex === part.partIndex ? [{ index, start: hit.start, end: hit.end }] : []));
    this.viewerText.replaceChildren(renderHighlighted(part.text, spans, this.hits));
    if (answer.capped && part === parts[parts.length - 1]) this.say('提取的文字超出保存上限，此处之后的内容没有保存，请下载原件查看。');
    this.shown = { attachment, partIndex: part.partIndex };
    return true;
  }

  private say(text: string): void {
    this.viewerNote.textContent = text;
    this.viewerNote.hidden = false;
  }

  private close(): void {
    this.request++;
    this.tooltip.hide();
    this.viewer.hidden = true;
    this.shown = null;
    this.section.querySelector<HTMLElement>('button[data-read], a[data-download]')?.focus();
  }
}
