import type { CoverageGap, ExtractLimits, GapReason, Location, OcrEngine, TextPiece } from './types';
import { InflateBudget } from './zip/zip-archive';

/** Where a reader puts a piece or a gap: a location without the file name (the context adds it). */
export type Where = Omit<Location, 'file'> & { file?: string };

/** Reads one format: emits pieces and gaps through the context; throws only for a file it cannot read at all. */
export type Reader = (bytes: Uint8Array, ctx: ReadContext) => Promise<void>;

/** The shared state of one extraction (a file and everything embedded in it). */
export class ExtractionRun {
  readonly pieces: TextPiece[] = [];
  readonly gaps: CoverageGap[] = [];
  chars = 0;
  ocrImages = 0;
  charsExhausted = false;
  readonly budget: InflateBudget;
  readonly deadline: number;

  constructor(readonly limits: ExtractLimits, readonly ocr: OcrEngine | null, now = Date.now()) {
    this.budget = new InflateBudget(limits.maxDecompressedBytes, limits.maxCompressionRatio);
    this.deadline = now + limits.timeoutMs;
  }
}

/**
 * What a format reader sees: the limits, the OCR engine, and emit/gap for its results. An embedded file gets a
 * child context whose locations nest as `{ file: outer, part: 'embedded', inner: … }`.
 */
export class ReadContext {
  constructor(
    readonly run: ExtractionRun,
    /** The name of the file being read (for an embedded file, its name inside the container). */
    readonly file: string,
    readonly depth: number,
    private readonly wrap: (loc: Location) => Location = (loc) => loc,
  ) {}

  get limits(): ExtractLimits {
    return this.run.limits;
  }

  get ocr(): OcrEngine | null {
    return this.run.ocr;
  }

  /** The inflate budget every zip opened for this file shares. */
  get budget(): InflateBudget {
    return this.run.budget;
  }

  /**
   * Adds a piece of text (empty or whitespace-only text is dropped). Returns false once the character limit is
   * reached: the rest is recorded as a gap `over-limit` once, and the reader should stop.
   */
  emit(text: string, where: Where, separator?: string): boolean {
    const run = this.run;
    if (run.charsExhausted) return false;
    if (!/\S/.test(text)) return true;
    let kept = text;
    if (run.chars + text.length > run.limits.maxChars) {
      kept = text.slice(0, Math.max(0, run.limits.maxChars - run.chars));
      run.charsExhausted = true;
      this.gap(where, 'over-limit', `提取的文字超过 ${run.limits.maxChars} 字的上限，其余内容未审查`);
    }
    if (kept.length > 0) {
      const piece: TextPiece = { text: kept, location: this.locate(where) };
      if (separator !== undefined) piece.separator = separator;
      run.pieces.push(piece);
      run.chars += kept.length;
    }
    return !run.charsExhausted;
  }

  /** Records something not examined. */
  gap(where: Where, reason: GapReason, detail: string): void {
    this.run.gaps.push({ location: this.locate(where), reason, detail });
  }

  /** True once the file's wall-time budget is spent: record a gap `timed-out` for what is left and stop. */
  timedOut(now = Date.now()): boolean {
    return now > this.run.deadline;
  }

  /** Milliseconds left of the file's wall-time budget. */
  remainingMs(now = Date.now()): number {
    return Math.max(0, this.run.deadline - now);
  }

  /** Takes one OCR slot; false (and the caller records a gap `over-limit`) past maxOcrImages. */
  takeOcrSlot(): boolean {
    if (this.run.ocrImages >= this.run.limits.maxOcrImages) return false;
    this.run.ocrImages++;
    return true;
  }

  /** A context for a file embedded in this one, at `where` (part defaults to 'embedded'). */
  child(name: string, where: Where = { part: 'embedded' }): ReadContext {
    const { file, ...rest } = where;
    const own = { ...rest, file: file ?? this.file };
    return new ReadContext(this.run, name, this.depth + 1, (inner) => this.wrap({ ...own, part: 'embedded', inner }));
  }

  private locate(where: Where): Location {
    const { file, ...rest } = where;
    return this.wrap({ file: file ?? this.file, ...rest });
  }
}
