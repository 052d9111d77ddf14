import { spawn } from 'node:child_process';
import type { OcrEngine } from '../types';

/** OCR could not read the image (Tesseract failed, or is missing). */
export class OcrError extends Error {
  override readonly name: string = 'OcrError';
}

/** OCR ran past its time limit and was killed. */
export class OcrTimeoutError extends OcrError {
  override readonly name = 'OcrTimeoutError';
}

export interface TesseractOptions {
  /** The tesseract binary (default: `tesseract` on the PATH). */
  command?: string;
  /**
   * Tesseract's `-l` value, every language of which must be installed. Default `chi_sim`, which reads Latin text
   * and digits too: with `chi_sim+eng` a short line such as 机密★10年 is often taken for English ("ME & 10").
   */
  languages?: string;
  /** Page segmentation mode (default 1: automatic with orientation detection, so a scan stored sideways reads upright). */
  psm?: number;
  /** Bytes of recognised text kept before the run is stopped as runaway output. */
  maxOutputBytes?: number;
}

/** Tesseract as a child process: the image on stdin, the text on stdout, killed when its time is up. */
export class TesseractEngine implements OcrEngine {
  private readonly command: string;
  private readonly languages: string;
  private readonly psm: number;
  private readonly maxOutputBytes: number;
  private availability: Promise<boolean> | null = null;

  constructor(options: TesseractOptions = {}) {
    this.command = options.command ?? 'tesseract';
    this.languages = options.languages ?? 'chi_sim';
    this.psm = options.psm ?? 1;
    this.maxOutputBytes = options.maxOutputBytes ?? 4 * 1024 * 1024;
  }

  /** Whether the binary runs and lists every configured language; asked once. */
  available(): Promise<boolean> {
    this.availability ??= this.run(['--list-langs'], new Uint8Array(0), 15_000).then(
      (out) => {
        const listed = new Set(out.split(/\r?\n/).map((l) => l.trim()));
        return this.languages.split('+').every((lang) => listed.has(lang));
      },
      () => false,
    );
    return this.availability;
  }

  async recognize(image: Uint8Array, opts: { timeoutMs: number }): Promise<string> {
    const text = await this.run(['stdin', 'stdout', '-l', this.languages, '--psm', String(this.psm)], image, opts.timeoutMs);
    return joinCjkSpaces(text);
  }

  private run(args: string[], input: Uint8Array, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      // Tesseract's OpenMP would take every core for one image; the worker runs several OCRs side by side.
      const child = spawn(this.command, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let outBytes = 0;
      let err = '';
      let failure: OcrError | null = null;
      const stop = (error: OcrError): void => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop(new OcrTimeoutError(`超过 ${duration(timeoutMs)}的时限`)), Math.max(1, timeoutMs));
      child.stdout.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > this.maxOutputBytes) stop(new OcrError(`识别结果超过 ${this.maxOutputBytes} 字节的上限`));
        else out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (err.length < 4096) err += chunk.toString('utf8');
      });
      // Tesseract may exit before reading all of a bad image; the exit code tells what happened.
      child.stdin.on('error', () => undefined);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new OcrError(`无法运行文字识别程序 ${this.command}（${error.message}）`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (failure) reject(failure);
        else if (code !== 0) reject(new OcrError(lastLines(err) || `文字识别程序退出码 ${code}`));
        else resolve(Buffer.concat(out).toString('utf8'));
      });
      child.stdin.end(input);
    });
  }
}

const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF';
const CJK_SPACES = new RegExp(`(?<=[${CJK}])[^\\S\\n\\f]+(?=[${CJK}])`, 'gu');

/**
 * Tesseract's Chinese models emit a space between characters, which Chinese text does not have and which would
 * split terms like 机密 for every matcher downstream; line breaks are kept.
 */
export function joinCjkSpaces(text: string): string {
  return text.replace(CJK_SPACES, '');
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${Math.round(ms)} 毫秒`;
}

function lastLines(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(Estimating resolution|Warning: Invalid resolution|Detected \d+ diacritics)/.test(l))
    .slice(-2)
    .join('；');
}
