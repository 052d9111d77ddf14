import type { OcrEngine } from '../types';
import type { OcrSetting } from './isolate-protocol';

/** The OCR engine for a setting; null when OCR is off. */
export function ocrEngineFor(setting: OcrSetting | null): OcrEngine | null {
  if (!setting) return null;
  // Wired to TesseractEngine once libs/documents/src/image/tesseract-engine.ts lands.
  return null;
}
