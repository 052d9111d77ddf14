import type { ReadContext, Where } from '../read-context';
import type { Part } from '../types';
import { parseXml, type XmlElement } from '../xml/parse-xml';
import { instructionWorthReading } from './field-codes';
import { isOn, type HiddenStyles } from './hidden-styles';
import { paragraphViews, type Segment } from './paragraph-views';
import { symbolChar } from './symbol-chars';

/** One WordprocessingML part read as a story of paragraphs: the body, a header, the footnotes, the comments… */
export interface Story {
  /** The part its plain text belongs to (`hidden-text` for the glossary, which Word never shows). */
  part: Part;
  /** Set on every piece of the story: which header or footer it is. */
  field?: string;
}

interface Emission {
  text: string;
  where: Where;
  separator?: string;
}

interface RunProps {
  vanish?: boolean;
  rStyle?: string;
}

interface Paragraph {
  n: number;
  pStyle?: string;
  segments: Segment[];
  instructions: string[];
  /** Alt text, field codes and the paragraphs of text boxes anchored here: emitted after the paragraph itself. */
  after: Emission[];
  separator?: string;
  run?: RunProps;
  commentAuthor?: string;
}

interface Revision {
  kind: 'ins' | 'del';
  author: string;
}

/** Note types that are the separator lines Word draws, not notes. */
const NOTE_SEPARATORS = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

/**
 * Reads one part's XML and emits a piece per paragraph and reading (plain, after an insertion, before a deletion,
 * with hidden text shown), numbered 1-based within the part, text boxes included. Throws XmlError when the XML is
 * not well-formed, after emitting what came before the damage.
 */
export function readStory(xml: string, story: Story, styles: HiddenStyles, ctx: ReadContext): void {
  const reader = new StoryReader(story, styles, ctx);
  try {
    parseXml(xml, {
      open: (el) => reader.open(el),
      close: (el) => reader.close(el),
      text: (t) => reader.text(t),
    });
  } finally {
    reader.finish();
  }
}

class StoryReader {
  private readonly path: string[] = [];
  private readonly paragraphs: Paragraph[] = [];
  private readonly revisions: Revision[] = [];
  private readonly alternates: boolean[] = [];
  private readonly rowCells: number[] = [];
  private skipDepth = 0;
  private count = 0;
  private textKind: 'text' | 'deleted' | 'instruction' | undefined;
  private cellSeparator: string | undefined;
  private commentAuthor: string | undefined;
  /** Ruby (phonetic guide) text being read: shown above its base, so kept out of the line it annotates. */
  private ruby: string | undefined;
  private stopped = false;

  constructor(private readonly story: Story, private readonly styles: HiddenStyles, private readonly ctx: ReadContext) {}

  open(el: XmlElement): void {
    if (this.stopped) return;
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const parent = this.path[this.path.length - 1];
    if (this.startsSkip(el, parent)) {
      this.skipDepth = 1;
      return;
    }
    this.path.push(el.local);
    const a = el.attrs;
    switch (el.local) {
      case 'AlternateContent':
        this.alternates.push(false);
        break;
      case 'Choice':
      case 'Fallback':
        if (this.alternates.length > 0) this.alternates[this.alternates.length - 1] = true;
        break;
      case 'comment':
        this.commentAuthor = a.author;
        break;
      case 'p':
        this.openParagraph();
        break;
      case 'tr':
        this.rowCells.push(0);
        break;
      case 'tc':
        if (this.rowCells.length > 0) this.cellSeparator = ++this.rowCells[this.rowCells.length - 1] > 1 ? '\t' : undefined;
        break;
      case 'pStyle':
        if (parent === 'pPr' && this.grand() === 'p') this.current().pStyle = a.val;
        break;
      case 'r':
        this.current().run = {};
        break;
      case 'rStyle':
      case 'vanish':
      case 'specVanish':
        this.runProperty(el, parent);
        break;
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom':
        if (parent !== 'rPr') this.revisions.push({ kind: el.local === 'ins' || el.local === 'moveTo' ? 'ins' : 'del', author: a.author ?? '' });
        break;
      case 't':
        this.textKind = 'text';
        break;
      case 'delText':
        this.textKind = 'deleted';
        break;
      case 'instrText':
      case 'delInstrText':
        this.textKind = 'instruction';
        break;
      case 'fldChar':
        if (a.fldCharType === 'begin') this.current().instructions.push('');
        break;
      case 'fldSimple':
        this.current().instructions.push(a.instr ?? '');
        break;
      case 'tab':
      case 'ptab':
        if (parent === 'r') this.addText('\t');
        break;
      case 'br':
      case 'cr':
        if (parent === 'r') this.addText('\n');
        break;
      case 'noBreakHyphen':
        this.addText('-');
        break;
      case 'sym':
        this.addText(symbolChar(a.font, a.char));
        break;
      case 'docPr':
        this.addAfter(a.title, { part: 'hidden-text', field: 'title' });
        this.addAfter(a.descr, { part: 'hidden-text', field: 'descr' });
        break;
      case 'rt':
        if (parent === 'ruby') this.ruby = '';
        break;
      case 'textpath':
        // VML WordArt keeps its displayed text in an attribute.
        this.addAfter(a.string, { part: this.story.part });
        break;
    }
  }

  close(el: XmlElement): void {
    if (this.stopped) return;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    this.path.pop();
    const parent = this.path[this.path.length - 1];
    switch (el.local) {
      case 'AlternateContent':
        this.alternates.pop();
        break;
      case 'comment':
        this.commentAuthor = undefined;
        break;
      case 'rt':
        if (parent === 'ruby' && this.ruby !== undefined) {
          const ruby = this.ruby;
          this.ruby = undefined;
          this.addAfter(ruby, { part: this.story.part });
        }
        break;
      case 'p':
        this.closeParagraph();
        break;
      case 'tr':
        this.rowCells.pop();
        break;
      case 'r':
        if (this.paragraphs.length > 0) this.current().run = undefined;
        break;
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom':
        if (parent !== 'rPr') this.revisions.pop();
        break;
      case 't':
      case 'delText':
      case 'instrText':
      case 'delInstrText':
        this.textKind = undefined;
        break;
    }
  }

  text(t: string): void {
    if (this.skipDepth > 0 || this.stopped || !this.textKind) return;
    if (this.textKind === 'instruction') {
      const instructions = this.current().instructions;
      if (instructions.length === 0) instructions.push('');
      instructions[instructions.length - 1] += t;
    } else {
      this.addText(t, this.textKind === 'deleted');
    }
  }

  /** Flushes what an unfinished (damaged) part left open. */
  finish(): void {
    while (this.paragraphs.length > 0 && !this.stopped) this.closeParagraph();
  }

  private startsSkip(el: XmlElement, parent: string | undefined): boolean {
    switch (el.local) {
      case 'Choice':
      case 'Fallback':
        // Choice and Fallback hold the same content twice: the first one read wins.
        return this.alternates.length > 0 && this.alternates[this.alternates.length - 1];
      case 'footnote':
      case 'endnote':
        return (parent === 'footnotes' || parent === 'endnotes') && NOTE_SEPARATORS.has(el.attrs.type ?? '');
      case 'rPrChange':
      case 'pPrChange':
        // The formatting before a change: its w:vanish says nothing about the text now.
        return true;
      default:
        return false;
    }
  }

  private grand(): string | undefined {
    return this.path[this.path.length - 3];
  }

  private runProperty(el: XmlElement, parent: string | undefined): void {
    if (parent !== 'rPr' || this.grand() !== 'r') return;
    const run = this.current().run;
    if (!run) return;
    if (el.local === 'rStyle') run.rStyle = el.attrs.val;
    else if (el.local === 'vanish') run.vanish = isOn(el.attrs.val);
    else if (isOn(el.attrs.val)) run.vanish = true;
  }

  private openParagraph(): void {
    const p: Paragraph = { n: ++this.count, segments: [], instructions: [], after: [], separator: this.cellSeparator };
    p.commentAuthor = this.commentAuthor;
    this.cellSeparator = undefined;
    this.paragraphs.push(p);
  }

  /** The innermost open paragraph; text outside any (which Word never writes) gets one of its own. */
  private current(): Paragraph {
    if (this.paragraphs.length === 0) this.openParagraph();
    return this.paragraphs[this.paragraphs.length - 1];
  }

  private hidden(p: Paragraph): boolean {
    const s = this.styles;
    return p.run?.vanish ?? s.hidden(p.run?.rStyle) ?? s.hidden(p.pStyle ?? s.defaultParagraphStyle) ?? s.defaultHidden ?? false;
  }

  private addText(text: string, deleted = false): void {
    if (!text) return;
    if (this.ruby !== undefined) {
      this.ruby += text;
      return;
    }
    const p = this.current();
    const ins = findLast(this.revisions, 'ins');
    const del = deleted ? findLast(this.revisions, 'del') ?? '' : findLast(this.revisions, 'del');
    const hidden = this.hidden(p);
    const last = p.segments[p.segments.length - 1];
    if (last && last.inserted === ins && last.deleted === del && last.hidden === hidden) last.text += text;
    else p.segments.push({ text, inserted: ins, deleted: del, hidden });
  }

  private addAfter(text: string | undefined, where: Where): void {
    if (!text || !/\S/.test(text)) return;
    const p = this.current();
    p.after.push({ text, where: { ...where, paragraph: p.n, ...(this.story.field ? { field: where.field ?? this.story.field } : {}) } });
  }

  private closeParagraph(): void {
    const p = this.paragraphs.pop();
    if (!p) return;
    const out: Emission[] = [];
    const base: Where = { part: this.story.part, paragraph: p.n };
    if (this.story.field) base.field = this.story.field;
    if (p.commentAuthor) base.author = p.commentAuthor;
    for (const view of paragraphViews(p.segments)) {
      const where: Where = view.part === 'story' ? base : { ...base, part: view.part, author: view.author ?? base.author };
      if (where.author === undefined) delete where.author;
      out.push({ text: view.text, where, separator: p.separator });
    }
    for (const instruction of p.instructions) {
      if (instructionWorthReading(instruction)) out.push({ text: instruction.trim(), where: { ...base, part: 'hidden-text', field: 'instrText' } });
    }
    out.push(...p.after);
    const outer = this.paragraphs[this.paragraphs.length - 1];
    if (outer) {
      outer.after.push(...out);
      return;
    }
    for (const e of out) {
      if (!this.ctx.emit(e.text, e.where, e.separator)) {
        this.stopped = true;
        return;
      }
    }
  }
}

function findLast(revisions: Revision[], kind: Revision['kind']): string | undefined {
  for (let k = revisions.length - 1; k >= 0; k--) if (revisions[k].kind === kind) return revisions[k].author;
  return undefined;
}
