import { TesseractEngine } from '../image/tesseract-engine';
import type { OcrEngine } from '../types';
import type { OcrSetting } from './isolate-protocol';

/** The OCR engine for a setting; null when OCR is off. */
export function ocrEngineFor(setting: OcrSetting | null): OcrEngine | null {
  return setting ? new TesseractEngine({ command: setting.command, languages: setting.languages }) : null;
}
