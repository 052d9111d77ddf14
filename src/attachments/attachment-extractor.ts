import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { extractIsolated, type ExtractedDocument, type IsolatedOptions } from '@clearance/documents';
import { execFile } from 'node:child_process';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';

type OcrSetting = NonNullable<IsolatedOptions['ocr']>;

/** One file to extract; its bytes are read only when its turn comes, so one attachment at a time is held here. */
export interface ExtractionFile {
  filename: string;
  read: () => Promise<Uint8Array>;
}

/**
 * Characters of text all attachments of one revision may yield together. The text comes back into this process
 * and is scanned on its event loop (about 3 s per 10 M characters), so it is bounded here as the file is in its child.
 */
export const MAX_REVISION_CHARS = 10_000_000;

/** The same for a draft scan, whose text the api scans on its own event loop: past it, files are not examined. */
export const MAX_DRAFT_CHARS = 1_000_000;

/** A file not extracted because the revision's other attachments used up its text budget: not examined, never clean. */
function overBudget(filename: string, bytes: number): ExtractedDocument {
  return {
    pieces: [],
    coverage: {
      file: filename, format: 'unknown', bytes, examined: [], durationMs: 0,
      gaps: [{ location: { file: filename, part: 'unreadable' }, reason: 'over-limit', detail: `本条目附件提取的文字已达上限，此文件未审查` }],
    },
  };
}

/** At most `size` tasks at a time; the rest wait in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** The Tesseract languages installed, from `tesseract --list-langs` (the list is on stdout in 5.x, stderr before). */
function installedLanguages(command: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(command, ['--list-langs'], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) return resolve(null);
      resolve(`${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).filter((l) => /^[A-Za-z0-9_]+$/.test(l)));
    });
  });
}

/**
 * Text out of attachments, always in a child process bounded by EXTRACT_TIMEOUT and EXTRACT_MEMORY_MB, never on
 * this process's event loop. OCR runs when configured and Tesseract with the configured languages is installed.
 */
@Injectable()
export class AttachmentExtractor implements OnApplicationBootstrap {
  private readonly logger = new Logger(AttachmentExtractor.name);
  private ocr?: Promise<OcrSetting | null>;
  /** Draft scans run in the api role: this bounds how many extraction processes they start at once. */
  private readonly draftSlots: Slots;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.draftSlots = new Slots(config.extract.concurrency);
  }

  onApplicationBootstrap(): void {
    void this.ocrSetting();
  }

  /**
   * Extracts the files of one revision one after another, within MAX_REVISION_CHARS together (the worker role's
   * scans: the extract queue's concurrency bounds how many run at once).
   */
  async extractAll(files: ExtractionFile[], maxChars = MAX_REVISION_CHARS): Promise<ExtractedDocument[]> {
    const { timeoutSeconds, memoryMb } = this.config.extract;
    const ocr = await this.ocrSetting();
    const documents: ExtractedDocument[] = [];
    let left = maxChars;
    for (const file of files) {
      const bytes = await file.read();
      if (left <= 0) {
        documents.push(overBudget(file.filename, bytes.length));
        continue;
      }
      const document = await extractIsolated(bytes, file.filename, { limits: { timeoutMs: timeoutSeconds * 1000, maxChars: left }, ocr, memoryMb });
      left -= document.pieces.reduce((n, p) => n + p.text.length, 0);
      documents.push(document);
    }
    return documents;
  }

  /** The files of a draft scan, sharing the process's draft slots (drafts run in the api role). */
  extractDraft(files: Array<{ bytes: Uint8Array; filename: string }>): Promise<ExtractedDocument[]> {
    return this.draftSlots.run(() => this.extractAll(files.map((f) => ({ filename: f.filename, read: async () => f.bytes })), MAX_DRAFT_CHARS));
  }

  /** Checked once per process; without it images and scanned pages are gaps `ocr-unavailable`, never clean. */
  private ocrSetting(): Promise<OcrSetting | null> {
    this.ocr ??= (async () => {
      const { ocr, tesseractPath, ocrLanguages } = this.config.extract;
      if (ocr === 'off') return null;
      const installed = await installedLanguages(tesseractPath);
      const missing = ocrLanguages.split('+').filter((l) => !installed?.includes(l));
      if (installed === null || missing.length > 0) {
        const why = installed === null ? `${tesseractPath} could not be run` : `Tesseract lacks ${missing.join(', ')}`;
        this.logger.warn(`OCR unavailable: images and scanned pages will be reported as not examined (${why}; set OCR=off to silence)`);
        return null;
      }
      return { command: tesseractPath, languages: ocrLanguages };
    })();
    return this.ocr;
  }
}
