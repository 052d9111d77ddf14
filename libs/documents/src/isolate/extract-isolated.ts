import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { extractDocument } from '../extract-document';
import { DEFAULT_LIMITS, type ExtractLimits, type ExtractedDocument, type GapReason } from '../types';
import type { ExtractReply, ExtractRequest, OcrSetting } from './isolate-protocol';
import { ocrEngineFor } from './ocr-setting';

export interface IsolatedOptions {
  limits?: Partial<ExtractLimits>;
  ocr?: OcrSetting | null;
  /** Old-generation heap of the extracting process; a file needing more is a gap `over-limit`. */
  memoryMb?: number;
}

const DEFAULT_MEMORY_MB = 512;
/** Past the file's own time limit, the process gets this long to report before it is terminated. */
const GRACE_MS = 5_000;

/**
 * The compiled worker script. Under ts-jest this file runs from source, so the build's copy is used (npm test
 * builds first); with neither, extraction runs in this thread, bounded in time but not in memory.
 */
function workerScript(): string | null {
  const sibling = join(__dirname, 'extract-worker.js');
  if (existsSync(sibling)) return sibling;
  const built = resolve(__dirname, '../../../../dist/libs/documents/src/isolate/extract-worker.js');
  return existsSync(built) ? built : null;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Extracts a file in a child process bounded in time and memory, so parsing never runs on the caller's event loop
 * and a hostile file cannot take the process down. Never rejects for a bad file: a crash, a timeout or running
 * out of memory is a coverage gap, and the file is never reported clean.
 */
export async function extractIsolated(bytes: Uint8Array, filename: string, opts: IsolatedOptions = {}): Promise<ExtractedDocument> {
  const limits: ExtractLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const script = workerScript();
  if (!script) return extractDocument(bytes, filename, { limits, ocr: ocrEngineFor(opts.ocr ?? null) });
  const t0 = performance.now();
  const failed = (reason: GapReason, detail: string): ExtractedDocument => ({
    pieces: [],
    coverage: {
      file: filename,
      format: 'unknown',
      bytes: bytes.length,
      examined: [],
      gaps: [{ location: { file: filename, part: 'unreadable' }, reason, detail }],
      durationMs: Math.round(performance.now() - t0),
    },
  });
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
  // A child process, not a worker thread: a worker thread that runs out of heap can abort the whole process.
  // Its own process group, so a timeout kills Tesseract with it.
  const child = fork(script, [], {
    execArgv: [`--max-old-space-size=${memoryMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    if (stderr.length < 4096) stderr += s;
  });
  return new Promise<ExtractedDocument>((done) => {
    let settled = false;
    const finish = (doc: ExtractedDocument): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(doc);
      killGroup(child.pid);
    };
    const timer = setTimeout(
      () => finish(failed('timed-out', `超过 ${Math.round(limits.timeoutMs / 1000)} 秒的审查时限，文件内容未审查`)),
      limits.timeoutMs + GRACE_MS,
    );
    child.once('message', (reply: ExtractReply) => {
      finish(reply.ok ? reply.document : failed('damaged', `文件无法读取（${reply.message}）`));
    });
    child.once('error', (error) => finish(failed('damaged', `无法启动读取文件的进程（${error.message}）`)));
    child.once('exit', (code, signal) => {
      const oom = /heap out of memory|Allocation failed/.test(stderr);
      finish(
        oom
          ? failed('over-limit', `读取文件需要超过 ${memoryMb} MB 内存，超出上限，文件内容未审查`)
          : failed('damaged', `读取文件的进程意外退出（${signal ?? `代码 ${code}`}）`),
      );
    });
    const request: ExtractRequest = { bytes, filename, limits, ocr: opts.ocr ?? null };
    child.send(request);
  });
}
