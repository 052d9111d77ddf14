/** Where a piece of text sits in a file. `part` says what kind of place it is; the rest narrows it down. */
export type Part =
  | 'body'
  | 'header'
  | 'footer'
  | 'footnote'
  | 'endnote'
  | 'comment'
  | 'tracked-insertion'
  | 'tracked-deletion'
  | 'hidden-text'
  | 'metadata'
  | 'sheet'
  | 'hidden-sheet'
  | 'cell-comment'
  | 'slide'
  | 'notes'
  | 'embedded'
  | 'ocr'
  | 'html-comment'
  | 'html-attribute'
  | 'html-hidden'
  | 'script'
  | 'unreadable';

export const PARTS: readonly Part[] = [
  'body', 'header', 'footer', 'footnote', 'endnote', 'comment', 'tracked-insertion', 'tracked-deletion', 'hidden-text',
  'metadata', 'sheet', 'hidden-sheet', 'cell-comment', 'slide', 'notes', 'embedded', 'ocr', 'html-comment',
  'html-attribute', 'html-hidden', 'script', 'unreadable',
];

export interface Location {
  /** The file's name as submitted (for an embedded file: the name inside its container). */
  file: string;
  part: Part;
  /** 1-based page (PDF, OFD, a scanned page). */
  page?: number;
  /** Sheet name (xlsx). */
  sheet?: string;
  /** A1-style cell reference (xlsx). */
  cell?: string;
  /** 1-based slide number (pptx). */
  slide?: number;
  /** 1-based paragraph within its part (docx), where the reader counts them. */
  paragraph?: number;
  /** Author of a comment or tracked change. */
  author?: string;
  /** Metadata field (dc:title, cp:keywords, a custom property's name, an HTML attribute's name…). */
  field?: string;
  /** For part `embedded`: where the text sits inside the embedded file. */
  inner?: Location;
}

/** One piece of text with its location. Readers emit pieces in document order. */
export interface TextPiece {
  text: string;
  location: Location;
  /**
   * What separates this piece from the previous one when a consumer joins the pieces of one part into one text
   * (default '\n'; '\t' between cells of one row, '' where a reader split one run of text).
   */
  separator?: string;
}

/** Why something was not examined. */
export type GapReason = 'encrypted' | 'damaged' | 'unsupported' | 'over-limit' | 'ocr-unavailable' | 'timed-out';

export const GAP_REASONS: readonly GapReason[] = ['encrypted', 'damaged', 'unsupported', 'over-limit', 'ocr-unavailable', 'timed-out'];

/** Something the extraction could not read: the whole file, one part of it, or an embedded file. */
export interface CoverageGap {
  /** Where: the file itself is `{ file, part: 'unreadable' }`; a part of it names that part (page, sheet…). */
  location: Location;
  reason: GapReason;
  /** A short human sentence (in Chinese where it is shown to reviewers): 'ZIP 中央目录缺失（文件被截断）'. */
  detail: string;
}

/** What a file was recognised as, by its bytes. */
export type DocumentFormat =
  | 'text'
  | 'csv'
  | 'html'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'pdf'
  | 'ofd'
  | 'png'
  | 'jpeg'
  | 'tiff'
  | 'bmp'
  | 'gif'
  | 'webp'
  | 'emf'
  | 'wmf'
  | 'zip'
  | 'ole'
  | 'doc'
  | 'xls'
  | 'ppt'
  | 'wps'
  | 'rtf'
  | 'encrypted-ooxml'
  | 'unknown';

export interface PartSummary {
  part: Part;
  pieces: number;
  chars: number;
}

/** What was examined and what was not, for one file. */
export interface Coverage {
  file: string;
  format: DocumentFormat;
  bytes: number;
  /** Parts that yielded text, with counts (parts inside embedded files count under `embedded`). */
  examined: PartSummary[];
  /** Everything that was not examined, with the reason. Empty means the whole file was read. */
  gaps: CoverageGap[];
  durationMs: number;
}

export interface ExtractedDocument {
  pieces: TextPiece[];
  coverage: Coverage;
}

/** Bounds on the work one file may cause. */
export interface ExtractLimits {
  /** Total bytes all zip members of a file (and its embedded files) may inflate to. */
  maxDecompressedBytes: number;
  /** Inflated size / compressed size of one zip member above which it is a bomb. */
  maxCompressionRatio: number;
  /** Characters of text one file may yield; the rest is a gap `over-limit`. */
  maxChars: number;
  /** Zip members, sheets, slides, pages… one file may have before the rest is a gap `over-limit`. */
  maxParts: number;
  /** Nesting of embedded files (a zip in a docx in a zip…). */
  maxDepth: number;
  /** Pages of a PDF/OFD read. */
  maxPages: number;
  /** Wall time for one file, OCR included; past it the rest is a gap `timed-out`. */
  timeoutMs: number;
  /** Wall time for one OCR run of one image. */
  ocrTimeoutMs: number;
  /** Images (or scanned pages) sent to OCR per file. */
  maxOcrImages: number;
}

export const DEFAULT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxChars: 20_000_000,
  maxParts: 5_000,
  maxDepth: 3,
  maxPages: 500,
  timeoutMs: 120_000,
  ocrTimeoutMs: 60_000,
  maxOcrImages: 50,
});

/** Recognises text in an image. The service's engine runs Tesseract as a child process. */
export interface OcrEngine {
  /** Whether OCR can run here (Tesseract installed with chi_sim); asked once and cached by the caller. */
  available(): Promise<boolean>;
  /** Text of the image (PNG, JPEG, TIFF, BMP, PNM…), or throws OcrError. */
  recognize(image: Uint8Array, opts: { timeoutMs: number }): Promise<string>;
}

export interface ExtractOptions {
  limits?: Partial<ExtractLimits>;
  /** null or absent: images and scanned pages are a gap `ocr-unavailable`. */
  ocr?: OcrEngine | null;
}
