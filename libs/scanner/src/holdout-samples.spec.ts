import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Scanner } from './scanner';
import { CATEGORIES, type Category } from './types';

/**
 * Independent hold-out set (test-fixtures/holdout-samples.tsv), written from government publishing practice
 * without looking at the rules. Same format as labelled-samples.tsv; additionally `\t` decodes to a tab.
 * Prints a per-category precision/recall table and every miss / false hit.
 */
interface Sample {
  line: number;
  expected: Category[];
  text: string;
}

function decode(text: string): string {
  return text
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

function loadSamples(): Sample[] {
  const file = path.join(__dirname, '..', 'test-fixtures', 'holdout-samples.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, k) => ({ raw, line: k + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.startsWith('#'))
    .map(({ raw, line }) => {
      const tab = raw.indexOf('\t');
      const labels = raw.slice(0, tab);
      const expected = labels === '-' ? [] : (labels.split(',') as Category[]);
      return { line, expected, text: decode(raw.slice(tab + 1)) };
    });
}

describe('hold-out samples', () => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples();

  it('has at least 150 samples, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('finds every labelled category and nothing else (review/block hits)', () => {
    const stats = new Map<Category, { tp: number; fp: number; fn: number }>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
    const errors: string[] = [];
    let exact = 0;
    for (const s of samples) {
      const format = s.text.startsWith('<') ? 'html' : 'text';
      const hits = sut.scan({ body: s.text, format }).hits.filter((h) => h.severity !== 'info');
      const got = new Set(hits.map((h) => h.category));
      let ok = true;
      for (const c of CATEGORIES) {
        const want = s.expected.includes(c);
        const st = stats.get(c)!;
        if (want && got.has(c)) st.tp++;
        else if (want) {
          st.fn++;
          ok = false;
          errors.push(`line ${s.line}: missed ${c} in ${JSON.stringify(s.text)}`);
        } else if (got.has(c)) {
          st.fp++;
          ok = false;
          const what = hits.filter((h) => h.category === c).map((h) => `${h.ruleId}:${h.text}`);
          errors.push(`line ${s.line}: false ${c} (${what.join(', ')}) in ${JSON.stringify(s.text)}`);
        }
      }
      if (ok) exact++;
    }
    const rows = CATEGORIES.map((c) => {
      const { tp, fp, fn } = stats.get(c)!;
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      return `${c.padEnd(20)} ${String(tp + fn).padStart(4)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}  ${precision.toFixed(3)}  ${recall.toFixed(3)}`;
    });
    const negatives = samples.filter((s) => s.expected.length === 0).length;
    console.log(
      [
        `hold-out: ${samples.length} samples (${negatives} clean), ${exact} exactly right`,
        'category              pos   tp   fp   fn  precision recall',
        ...rows,
        ...errors,
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
