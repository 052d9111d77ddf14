import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Scanner } from './scanner';
import { CATEGORIES, type Category } from './types';

/** One line of a labelled sample file: `label[,label…]|-<TAB>text`, with \n, \t and \uXXXX escapes. */
export interface Sample {
  line: number;
  expected: Category[];
  text: string;
}

export interface SampleReport {
  /** The per-category precision/recall table, ready to print. */
  table: string;
  /** Every miss and false hit, one line each, naming the sample's line. */
  errors: string[];
  exact: number;
}

function decode(text: string): string {
  return text
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** Reads a sample file from test-fixtures/, skipping blank lines and # comments. */
export function loadSamples(name: string): Sample[] {
  return readFileSync(path.join(__dirname, '..', 'test-fixtures', name), 'utf8')
    .split('\n')
    .map((raw, k) => ({ raw, line: k + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.startsWith('#'))
    .map(({ raw, line }) => {
      const tab = raw.indexOf('\t');
      const labels = raw.slice(0, tab);
      return { line, expected: labels === '-' ? [] : (labels.split(',') as Category[]), text: decode(raw.slice(tab + 1)) };
    });
}

/** Scans every sample and counts, per category, review/block hits found, missed and falsely raised. */
export function evaluateSamples(sut: Scanner, samples: Sample[]): SampleReport {
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
  const table = [`${samples.length} samples (${negatives} clean), ${exact} exactly right`, 'category              pos   tp   fp   fn  precision recall', ...rows].join('\n');
  return { table, errors, exact };
}
