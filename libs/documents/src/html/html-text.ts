import type { Part } from '../types';
import { addAttributeValue, addTextRun } from './html-runs';
import { MappedTextBuilder, type MappedText } from './mapped-text';

/** The places of an HTML page a reader of the page does not see, though they are published with it. */
export type HtmlPlace = Extract<Part, 'html-comment' | 'html-attribute' | 'html-hidden' | 'script'>;

/** Text from one such place, mapped back to the HTML source. */
export interface HtmlSegment extends MappedText {
  readonly part: HtmlPlace;
  /** html-attribute: the attribute's name; script: the element's name (script, style, noscript, svg…). */
  readonly field?: string;
}

export interface HtmlText {
  /** What the page shows: text nodes, alt and title, blocks on lines of their own. */
  readonly visible: MappedText;
  /** Comments, attribute values, script/style/template text and hidden elements, in source order. */
  readonly segments: readonly HtmlSegment[];
}

/** Elements whose content the visible text skips; it becomes a `script` segment. */
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'svg', 'math', 'iframe', 'object']);
/** …of which these hold text rather than markup. */
const RAW_CONTENT = new Set(['script', 'style', 'iframe']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img',
  'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'title', 'tr', 'ul', 'input', 'button', 'select', 'label',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements a second one of the same name closes (`<li>a<li>b`). */
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'rt', 'rp', 'thead', 'tbody', 'tfoot']);
/** Shown on the page (alt when the image is missing, title on hover): part of the visible text. */
const TEXT_ATTRIBUTES = new Set(['alt', 'title']);
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'longdesc', 'background', 'data', 'ping', 'codebase',
  'archive', 'manifest', 'usemap', 'icon', 'xlink:href',
]);
/** Layout and structure: their values carry no text of the document (a `style` is still checked for hiding). */
const STRUCTURAL_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'width', 'height', 'align', 'valign', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan',
  'type', 'rel', 'target', 'lang', 'dir', 'charset', 'tabindex', 'role', 'bgcolor', 'color', 'face', 'size', 'span',
  'frameborder', 'scrolling', 'method', 'enctype', 'for', 'xmlns', 'http-equiv', 'media', 'sizes', 'loading', 'decoding', 'name',
  'property', 'itemprop', 'itemtype', 'itemscope', 'crossorigin', 'integrity', 'async', 'defer',
]);
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const HIDING_STYLE = /(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const CONDITION_ONLY = /^\[(?:end)?if\b[^\]]*\]$/i;

interface Attribute {
  name: string;
  from: number;
  to: number;
}

interface OpenSegment {
  part: HtmlPlace;
  field?: string;
  out: MappedTextBuilder;
}

/** Inside a hidden element: the elements open in it, so its end is found even when end tags are left out. */
interface Hidden {
  stack: string[];
}

/**
 * A tolerant HTML tokenizer: one pass over the source gives the visible text (entities decoded, block elements
 * on lines of their own so words do not run together across them) and every hidden place as a segment, both
 * with offsets into the source.
 */
export function extractHtmlText(source: string): HtmlText {
  const walker = new HtmlWalker(source);
  const visible = new MappedTextBuilder();
  walker.walk(0, source.length, visible, false);
  const segments: HtmlSegment[] = [];
  for (const s of walker.segments) {
    if (s.out.length === 0) continue;
    const mapped = s.out.build();
    segments.push(s.field === undefined ? { part: s.part, ...mapped } : { part: s.part, field: s.field, ...mapped });
  }
  return { visible: visible.build(source.length), segments };
}

/** The visible text alone (what the scanner's extractText(…, 'html') returns). */
export function extractHtmlVisibleText(source: string): MappedText {
  return extractHtmlText(source).visible;
}

class HtmlWalker {
  readonly segments: OpenSegment[] = [];

  constructor(private readonly source: string) {}

  private segment(part: HtmlPlace, field?: string): MappedTextBuilder {
    const out = new MappedTextBuilder();
    this.segments.push(field === undefined ? { part, out } : { part, field, out });
    return out;
  }

  /**
   * Tokenizes source[from, to) into `out`. `flat` (inside a comment, a template…): everything, attribute
   * values and nested comments included, goes into `out`, which is itself a segment.
   */
  walk(from: number, to: number, out: MappedTextBuilder, flat: boolean): void {
    const source = this.source;
    let text = out;
    let hidden: Hidden | undefined;
    let i = from;
    while (i < to) {
      const lt = source.indexOf('<', i);
      const textEnd = lt < 0 || lt >= to ? to : lt;
      if (textEnd > i) addTextRun(text, source, i, textEnd);
      if (textEnd === to) break;
      i = lt;
      if (source.startsWith('<!--', i)) {
        const close = source.indexOf('-->', i + 4);
        const inside = close >= 0 && close + 3 <= to;
        this.comment(i + 4, inside ? close : to, text, flat);
        i = inside ? close + 3 : to;
        continue;
      }
      const second = source[i + 1];
      if (second === '!' || second === '?') {
        const close = source.indexOf('>', i);
        const end = close < 0 || close >= to ? to : close;
        if (second === '!') this.bogusComment(i + 2, end, text, flat);
        i = end < to ? end + 1 : to;
        continue;
      }
      const next = source.charCodeAt(i + 1);
      const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
      if (!isLetter && second !== '/') {
        // A lone "<" is text, as in a browser.
        addTextRun(text, source, i, i + 1);
        i++;
        continue;
      }
      const closing = second === '/';
      TAG_NAME.lastIndex = i + (closing ? 2 : 1);
      const name = (TAG_NAME.exec(source)?.[0] ?? '').toLowerCase();
      let k = TAG_NAME.lastIndex > i ? Math.max(TAG_NAME.lastIndex, i + 1) : i + 1;
      const attributes: Attribute[] = [];
      let hides = false;
      // Attributes, with quotes respected so a ">" inside a value does not end the tag.
      while (k < to && source[k] !== '>') {
        const c = source[k];
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '/' || c === '\f') {
          k++;
          continue;
        }
        ATTRIBUTE.lastIndex = k;
        const a = ATTRIBUTE.exec(source);
        if (!a || a[0].length === 0) {
          k++;
          continue;
        }
        const attr = a[1].toLowerCase();
        const value = a[2] ?? a[3] ?? a[4];
        if (attr === 'hidden') hides = true;
        if (value !== undefined) {
          const valueStart = k + a[0].length - value.length - (a[4] === undefined ? 1 : 0);
          if (attr === 'style' && HIDING_STYLE.test(value)) hides = true;
          attributes.push({ name: attr, from: valueStart, to: Math.min(valueStart + value.length, to) });
        }
        k += a[0].length;
      }
      const tagEnd = k < to ? k + 1 : to;
      i = tagEnd;

      if (closing) {
        if (hidden && !closeIn(hidden, name)) {
          hidden = undefined;
          text = out;
        }
        if (BLOCK.has(name)) text.separate(lt);
        continue;
      }
      if (hidden && IMPLIED_END.has(name) && hidden.stack[hidden.stack.length - 1] === name) {
        hidden.stack.pop();
        if (hidden.stack.length === 0) {
          hidden = undefined;
          text = out;
        }
      }
      if (BLOCK.has(name)) text.separate(lt);
      const isVoid = VOID.has(name);
      if (hidden && !isVoid) hidden.stack.push(name);
      // A hidden void element (an <img hidden>) has only its attributes to hide.
      let own = text;
      if (hides && !flat && !hidden) {
        own = this.segment('html-hidden');
        if (!isVoid) {
          hidden = { stack: [name] };
          text = own;
        }
      }
      for (const a of attributes) {
        if (TEXT_ATTRIBUTES.has(a.name)) {
          own.separate(a.from);
          addTextRun(own, source, a.from, a.to);
          own.separate(a.to);
          continue;
        }
        if (STRUCTURAL_ATTRIBUTES.has(a.name)) continue;
        const url = URL_ATTRIBUTES.has(a.name) || a.name.startsWith('data-');
        const target = flat ? text : this.segment('html-attribute', a.name);
        if (flat) target.separate(a.from);
        addAttributeValue(target, source, a.from, a.to, url);
        if (flat) target.separate(a.to);
      }
      if (SKIP_CONTENT.has(name) && source[tagEnd - 2] !== '/') {
        const end = new RegExp(`</${name}[\\s>/]`, 'ig');
        end.lastIndex = i;
        const m = end.exec(source);
        const contentEnd = m && m.index < to ? m.index : to;
        const target = flat ? text : this.segment('script', name);
        if (flat) target.separate(i);
        if (RAW_CONTENT.has(name)) target.addRaw(source, i, contentEnd);
        else if (name === 'textarea') addTextRun(target, source, i, contentEnd);
        else this.walk(i, contentEnd, target, true);
        if (flat) target.separate(contentEnd);
        i = contentEnd;
      }
    }
  }

  /** `<!-- … -->`, commented-out markup included: its text, attribute values and all. */
  private comment(from: number, to: number, text: MappedTextBuilder, flat: boolean): void {
    const target = flat ? text : this.segment('html-comment');
    if (flat) target.separate(from);
    this.walk(from, to, target, true);
    if (flat) target.separate(to);
  }

  /** `<!…>` other than a doctype: a CDATA section, a downlevel-revealed `<![if !IE]>` (only its condition: skipped). */
  private bogusComment(from: number, to: number, text: MappedTextBuilder, flat: boolean): void {
    const inner = this.source.slice(from, to).trim();
    if (/^doctype\b/i.test(inner) || CONDITION_ONLY.test(inner) || inner === '') return;
    const target = flat ? text : this.segment('html-comment');
    if (flat) target.separate(from);
    addTextRun(target, this.source, from, to);
    if (flat) target.separate(to);
  }
}

/** An end tag inside a hidden element: false when it closes the hidden element itself or one of its ancestors. */
function closeIn(hidden: Hidden, name: string): boolean {
  const at = hidden.stack.lastIndexOf(name);
  if (at < 0) return false;
  hidden.stack.length = at;
  return at > 0;
}
