import { evaluateSamples, loadSamples } from './sample-set';
import { Scanner } from './scanner';
import { CATEGORIES } from './types';

/**
 * Second fresh evaluation set (test-fixtures/fresh2-samples.tsv), written for issue 14 before the rules were
 * read again. Prints the per-category table and every miss / false hit; the lines still failing must be
 * exactly the ones listed here with a reason, so a fix shows up as a shrinking list and a regression fails.
 *
 * Scored before any rule changed (222 samples, 107 clean; 171 exactly right; precision / recall):
 *   classified-marking 40 pos: 1.000 / 0.550   internal-marking 17: 0.882 / 0.882   personal-info 37: 1.000 / 0.541
 *   process-info 21: 0.875 / 0.667           sensitive-term 3: 0.400 / 0.667
 */
const KNOWN_FAILURES: Record<number, string> = {
  // Same gap as fresh-samples 181: a facility's location phrased otherwise than the lexicon's 军事设施坐标. A
  // near-term topic (军事设施 … 位置) is a lexicon-format change; adding this phrase would only fit the set.
  203: 'military-facility location phrased differently from the lexicon term',
};

describe('fresh2 samples', () => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples('fresh2-samples.tsv');

  it('has at least 150 samples, roughly half clean, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    const clean = samples.filter((s) => s.expected.length === 0).length;
    expect(clean / samples.length).toBeGreaterThan(0.4);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('fails only on the listed lines (review/block hits)', () => {
    const { table, errors } = evaluateSamples(sut, samples);
    console.log([`fresh2: ${table}`, ...errors].join('\n'));
    const failing = [...new Set(errors.map((e) => Number(/^line (\d+):/.exec(e)![1])))].sort((a, b) => a - b);
    expect(failing).toEqual(Object.keys(KNOWN_FAILURES).map(Number));
  });
});
