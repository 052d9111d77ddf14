import type { RuleContext } from '../rules/rule';
import type { NormalizedText } from './normalizer';

/** Context a rule sees either side of a match: its regexes look no further (the longest looks ~80 units). */
const REACH = 200;
/** Stands before a window cut inside a line, so "at the start of its line" is not mistaken for the cut. */
const CUT = '\u0001';

/** A stretch of normalised text with the joins inside one match taken out, and the way back. */
class WindowText implements NormalizedText {
  readonly joins: readonly number[] = [];
  private unitsCache: Uint16Array | undefined;
  private originCache: Int32Array | undefined;
  constructor(readonly text: string) {}

  get source(): string {
    return this.text;
  }
  get length(): number {
    return this.text.length;
  }
  get units(): Uint16Array {
    this.unitsCache ??= Uint16Array.from(this.text, (ch) => ch.charCodeAt(0));
    return this.unitsCache;
  }
  get origin(): Int32Array {
    this.originCache ??= Int32Array.from({ length: this.text.length + 1 }, (_, i) => i);
    return this.originCache;
  }
}

export interface JoinedWindow {
  ctx: RuleContext;
  start: number;
  end: number;
  /** Window offset of a start (or an end) back to the document's normalised offsets. */
  docStart(w: number): number;
  docEnd(w: number): number;
}

/**
 * For a keyword match that spans line breaks the automaton stepped over (机\n密★10年), the same rule context with
 * those breaks removed, so the rule reads 机密★10年 as it would on one line; undefined when the match spans none.
 */
export function joinedWindow(ctx: RuleContext, start: number, end: number): JoinedWindow | undefined {
  const { joins, text } = ctx.doc;
  const inside: number[] = [];
  for (let k = 0; k < joins.length; k += 2) {
    if (joins[k] >= end) break;
    if (joins[k] >= start) inside.push(joins[k], joins[k + 1]);
  }
  if (inside.length === 0) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const from = start - lineStart <= REACH ? lineStart : start - REACH;
  const to = Math.min(text.length, end + REACH);
  const cut = from > 0 && text[from - 1] !== '\n' ? CUT : '';
  const winAt: number[] = [];
  const docAt: number[] = [];
  let w = cut.length;
  let out = cut;
  let at = from;
  for (let k = 0; k <= inside.length; k += 2) {
    const stop = k < inside.length ? inside[k] : to;
    winAt.push(w);
    docAt.push(at);
    out += text.slice(at, stop);
    w += stop - at;
    at = inside[k + 1];
  }
  const docPos = (x: number): number => {
    let k = winAt.length - 1;
    while (k > 0 && winAt[k] > x) k--;
    return docAt[k] + Math.max(0, x - winAt[k]);
  };
  const docStart = (x: number): number => (x >= out.length ? to : docPos(x));
  const docEnd = (x: number): number => (x <= cut.length ? from : docPos(x - 1) + 1);
  const doc = new WindowText(out);
  return {
    ctx: {
      doc,
      part: ctx.part,
      sourceBetweenHas: (a, b, chars) => ctx.sourceBetweenHas(docEnd(a), docStart(b), chars),
    },
    start: start - from + cut.length,
    end: end - from + cut.length - (inside.reduce((n, v, k) => n + (k % 2 === 0 ? -v : v), 0)),
    docStart,
    docEnd,
  };
}
