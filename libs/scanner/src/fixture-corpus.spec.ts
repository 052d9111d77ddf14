import { basename } from 'node:path';
import { extractDocument } from '@clearance/documents';
import { TesseractEngine } from '@clearance/documents/image/tesseract-engine';
import { corpusFiles } from '../../documents/test-fixtures/build/corpus';
import { Scanner } from './scanner';

// Every file of the fixture corpus (npm run fixtures) gets the verdict its manifest gives, OCR included.
describe('fixture corpus', () => {
  const sut = Scanner.create({ keywords: 0 });
  const ocr = new TesseractEngine();
  const files = corpusFiles();

  it('has positives and negatives for every format', () => {
    const formats = new Set(files.map((f) => f.name.split('/')[0]));
    for (const format of formats) {
      const verdicts = new Set(files.filter((f) => f.name.startsWith(`${format}/`)).map((f) => f.verdict));
      expect({ format, pass: verdicts.has('pass'), flagged: verdicts.has('review') || verdicts.has('block') }).toEqual({ format, pass: true, flagged: true });
    }
  });

  it.each(files.map((f) => [f.name, f] as const))('%s', async (_name, file) => {
    const filename = basename(file.name);
    const document = await extractDocument(file.bytes, filename, { ocr });
    const result = sut.scan({ body: '', attachments: [{ filename, document }] });
    expect({ verdict: result.verdict, tests: file.tests }).toEqual({ verdict: file.verdict, tests: file.tests });
  }, 60_000);
});
