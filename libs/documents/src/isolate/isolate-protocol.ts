import type { ExtractLimits, ExtractedDocument } from '../types';

/** How the worker thread builds its OCR engine (an engine object cannot cross the thread boundary). */
export interface OcrSetting {
  command: string;
  languages: string;
}

export interface ExtractRequest {
  bytes: Uint8Array;
  filename: string;
  limits: ExtractLimits;
  ocr: OcrSetting | null;
}

export type ExtractReply = { ok: true; document: ExtractedDocument } | { ok: false; message: string };
