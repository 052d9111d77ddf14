// Copies the non-TypeScript files the build needs (lexicon data, the web page) next to the compiled code.
const { cpSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const assets = [
  ['libs/scanner/data', 'dist/libs/scanner/data'],
  ['src/web/public', 'dist/src/web/public'],
  // The fixture builders read the committed OCR images next to their compiled files (npm run fixtures, bench:extract).
  ['libs/documents/test-fixtures/images', 'dist/libs/documents/test-fixtures/images'],
];
for (const [from, to] of assets) {
  if (existsSync(join(root, from))) cpSync(join(root, from), join(root, to), { recursive: true });
}
