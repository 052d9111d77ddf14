import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
export const SCRIPT_DIR = join(root, 'dist/src/web/public/js');

/**
 * Compiles the browser modules to where WebModule serves them from when run from sources (web-root.ts).
 * Files are moved in one by one, so a spec running alongside never reads a half-written module.
 */
export function buildClient(): void {
  mkdirSync(SCRIPT_DIR, { recursive: true });
  const staging = mkdtempSync(join(SCRIPT_DIR, '..', '.js-'));
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'src/web/client/tsconfig.json'), '--outDir', staging], { stdio: 'pipe' });
    for (const file of readdirSync(staging)) renameSync(join(staging, file), join(SCRIPT_DIR, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
