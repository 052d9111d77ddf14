import { evaluateSamples, loadSamples } from './sample-set';
import { Scanner } from './scanner';
import { CATEGORIES } from './types';

describe('labelled samples', () => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples('labelled-samples.tsv');

  it('has at least 150 samples, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('finds every labelled category and nothing else (review/block hits)', () => {
    const { table, errors } = evaluateSamples(sut, samples);
    console.log(`labelled: ${table}`);
    expect(errors).toEqual([]);
  });
});
