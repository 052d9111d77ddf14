// Writes the extraction test corpus and its MANIFEST.tsv: npm run -s fixtures -- OUT_DIR. The builders are TypeScript
// under libs/documents/test-fixtures/build, compiled by `npm run build`; this only starts the compiled corpus.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const corpus = join(__dirname, '..', 'dist', 'libs', 'documents', 'test-fixtures', 'build', 'corpus.js');
if (!existsSync(corpus)) {
  console.error(`fixtures: ${corpus} is missing; run \`npm run build\` first`);
  process.exit(3);
}
process.exitCode = require(corpus).main(process.argv.slice(2));
