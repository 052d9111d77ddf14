import type { ExtractedText } from './extracted-text';
import { decodeEntity } from './html-entities';

const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'svg', 'math', 'iframe', 'object']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img',
  'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'title', 'tr', 'ul', 'input', 'button', 'select', 'label',
]);
const TEXT_ATTRIBUTES = new Set(['alt', 'title']);
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

class Builder {
  text = '';
  private starts: number[] = [];
  private ends: number[] = [];

  add(s: string, from: number, to: number): void {
    for (let k = 0; k < s.length; k++) {
      this.starts.push(from);
      this.ends.push(to);
    }
    this.text += s;
  }

  /** A line break between blocks, unless one is there already. */
  separate(at: number): void {
    if (this.text.length > 0 && !this.text.endsWith('\n')) this.add('\n', at, at);
  }

  /** Text of a run `source[from, to)` with entities decoded; whitespace becomes plain spaces as a browser shows it. */
  addRun(source: string, from: number, to: number): void {
    let k = from;
    let plainFrom = from;
    const flush = (upTo: number): void => {
      for (let j = plainFrom; j < upTo; j++) {
        this.starts.push(j);
        this.ends.push(j + 1);
      }
      if (upTo > plainFrom) this.text += source.slice(plainFrom, upTo).replace(/[\n\r\t\f]/g, ' ');
    };
    while (k < to) {
      const amp = source.indexOf('&', k);
      if (amp < 0 || amp >= to) break;
      const decoded = decodeEntity(source, amp);
      if (decoded && amp + decoded[1] <= to) {
        flush(amp);
        this.add(decoded[0], amp, amp + decoded[1]);
        k = amp + decoded[1];
        plainFrom = k;
      } else k = amp + 1;
    }
    flush(to);
  }

  build(sourceLength: number): ExtractedText {
    const starts = Int32Array.from(this.starts);
    const ends = Int32Array.from(this.ends);
    const n = starts.length;
    return {
      text: this.text,
      toSource: (o) => (o < n ? starts[o] : sourceLength),
      toSourceEnd: (e) => (e <= 0 ? (n > 0 ? starts[0] : 0) : ends[Math.min(e, n) - 1]),
    };
  }
}

/**
 * A tolerant HTML tokenizer: text nodes and alt/title attributes with entities decoded, script/style content
 * skipped, block elements separated by a newline so words do not run together across them.
 */
export function extractHtml(source: string): ExtractedText {
  const out = new Builder();
  const n = source.length;
  let i = 0;
  while (i < n) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) out.addRun(source, i, textEnd);
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const next = source.charCodeAt(i + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (source[i + 1] === '!' || source[i + 1] === '?') {
      const close = source.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (!isLetter && source[i + 1] !== '/') {
      // A lone "<" is text, as in a browser.
      out.addRun(source, i, i + 1);
      i++;
      continue;
    }
    const closing = source[i + 1] === '/';
    const nameMatch = /[a-zA-Z][^\s/>]*/y;
    nameMatch.lastIndex = i + (closing ? 2 : 1);
    const name = (nameMatch.exec(source)?.[0] ?? '').toLowerCase();
    let k = nameMatch.lastIndex > i ? Math.max(nameMatch.lastIndex, i + 1) : i + 1;
    const textAttrs: Array<[string, number, number]> = [];
    // Attributes, with quotes respected so a ">" inside a value does not end the tag.
    while (k < n && source[k] !== '>') {
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
      const value = a[2] ?? a[3] ?? a[4];
      if (!closing && value !== undefined && TEXT_ATTRIBUTES.has(a[1].toLowerCase())) {
        const valueStart = k + a[0].length - value.length - (a[4] === undefined ? 1 : 0);
        textAttrs.push([value, valueStart, valueStart + value.length]);
      }
      k += a[0].length;
    }
    const tagEnd = k < n ? k + 1 : n;
    if (BLOCK.has(name)) out.separate(i);
    for (const [, from, to] of textAttrs) {
      out.separate(from);
      out.addRun(source, from, to);
      out.separate(to);
    }
    i = tagEnd;
    if (!closing && SKIP_CONTENT.has(name) && source[tagEnd - 2] !== '/') {
      const end = new RegExp(`</${name}[\\s>/]`, 'ig');
      end.lastIndex = i;
      const m = end.exec(source);
      i = m ? m.index : n;
    }
  }
  return out.build(n);
}
