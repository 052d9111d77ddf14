import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IMAGES_DIR } from '../../test-fixtures/build/pdf-fixtures';
import { OcrError, OcrTimeoutError, TesseractEngine, joinCjkSpaces } from './tesseract-engine';

const image = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(IMAGES_DIR, name)));

/** A stand-in for the tesseract binary: a shell script. */
function fakeTesseract(script: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fake-tesseract-')), 'tesseract');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('TesseractEngine', () => {
  const sut = new TesseractEngine();

  it('is available here, with chi_sim installed', async () => {
    await expect(sut.available()).resolves.toBe(true);
  });

  it('reads a secrecy marking from a PNG', async () => {
    const text = await sut.recognize(image('marking-48.png'), { timeoutMs: 30_000 });
    expect(text).toContain('机密');
    expect(text).toContain('10年');
  });

  it('reads a mobile number', async () => {
    const text = await sut.recognize(image('mobile.png'), { timeoutMs: 30_000 });
    expect(text).toContain('13812345678');
  });

  it('kills a run past its time limit', async () => {
    const started = Date.now();
    await expect(sut.recognize(image('scan-page.jpg'), { timeoutMs: 5 })).rejects.toBeInstanceOf(OcrTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails with OcrError on bytes that are no image', async () => {
    const error = await sut.recognize(new TextEncoder().encode('\x89PNG\r\n\x1a\nnot an image'), { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect(error).not.toBeInstanceOf(OcrTimeoutError);
  });

  it('is unavailable when the binary is missing, and then recognize fails with OcrError', async () => {
    const missing = new TesseractEngine({ command: '/nonexistent/tesseract' });
    await expect(missing.available()).resolves.toBe(false);
    await expect(missing.recognize(image('marking-24.png'), { timeoutMs: 5_000 })).rejects.toBeInstanceOf(OcrError);
  });

  it('is unavailable when a configured language is not installed', async () => {
    await expect(new TesseractEngine({ languages: 'chi_sim+klingon' }).available()).resolves.toBe(false);
  });

  it('runs tesseract single-threaded, and stops a run whose output has no end', async () => {
    const env = new TesseractEngine({ command: fakeTesseract('cat >/dev/null; echo "threads=$OMP_THREAD_LIMIT"') });
    await expect(env.recognize(image('marking-24.png'), { timeoutMs: 5_000 })).resolves.toBe('threads=1\n');
    const runaway = new TesseractEngine({ command: fakeTesseract('cat >/dev/null; exec yes 机密'), maxOutputBytes: 64 * 1024 });
    await expect(runaway.recognize(image('marking-24.png'), { timeoutMs: 5_000 })).rejects.toThrow(/上限/);
  });
});

describe('joinCjkSpaces', () => {
  it('drops spaces between Chinese characters and keeps them elsewhere, and keeps line breaks', () => {
    expect(joinCjkSpaces('机 密 ★ 10 年\n关 于 印 发 《 通 知 》\nPhone 138 1234')).toBe('机密 ★ 10 年\n关于印发《通知》\nPhone 138 1234');
    expect(joinCjkSpaces('第一行\n第二行')).toBe('第一行\n第二行');
  });
});
