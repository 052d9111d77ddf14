import { evaluateSamples, loadSamples } from './sample-set';
import { Scanner } from './scanner';
import { CATEGORIES } from './types';

/**
 * Independent hold-out set (test-fixtures/holdout-samples.tsv), written from government publishing practice
 * without looking at the rules. Prints a per-category precision/recall table and every miss / false hit.
 */
describe('hold-out samples', () => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples('holdout-samples.tsv');

  it('has at least 150 samples, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('finds every labelled category and nothing else (review/block hits)', () => {
    const { table, errors } = evaluateSamples(sut, samples);
    console.log([`hold-out: ${table}`, ...errors].join('\n'));
    expect(errors).toEqual([]);
  });
});
