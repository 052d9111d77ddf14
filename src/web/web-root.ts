import { join, resolve } from 'node:path';

export interface WebRoot {
  /** index.html and styles.css */
  pageDir: string;
  /** the browser modules compiled from src/web/client */
  scriptDir: string;
}

/** Where the page's files are: beside the compiled module, or, when run from the TypeScript sources, in dist. */
export function webRoot(dir = __dirname, file = __filename): WebRoot {
  const pageDir = join(dir, 'public');
  // ts-jest runs this file from src/web: the browser modules exist only as tsc output under dist.
  const fromSources = file.endsWith('.ts');
  return { pageDir, scriptDir: fromSources ? resolve(dir, '../../dist/src/web/public/js') : join(pageDir, 'js') };
}
