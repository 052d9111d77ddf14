import { evaluateSamples, loadSamples } from './sample-set';
import { Scanner } from './scanner';
import { CATEGORIES } from './types';

/**
 * Fresh evaluation set (test-fixtures/fresh-samples.tsv), written after the labelled and hold-out sets were
 * fitted and before the rule code was read, to measure generalisation. Prints the per-category table and
 * every miss / false hit; the lines still failing must be exactly the ones listed here with a reason, so a fix
 * shows up as a shrinking list and a regression fails the build.
 */
const KNOWN_FAILURES: Record<number, string> = {
  // A 起草说明 names its draft; only the context (published with a public consultation, or circulated inside)
  // decides. Labelled clean when written; review is a defensible outcome, so the label is left as written.
  169: '起草说明 of a draft without consultation context: flagged for review',
  // Lexicon gaps: unpublished-statistics and civil-defence phrases the lexicon does not hold. Adding these exact
  // phrases would only fit the set; a topic pattern (未(对外)?(公布|发布)的…数据) is a lexicon-format change.
  180: 'unpublished statistics phrased differently from the lexicon term',
  181: 'civil-defence command post coordinates: no lexicon term',
};

describe('fresh samples', () => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples('fresh-samples.tsv');

  it('has at least 150 samples, roughly half clean, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    const clean = samples.filter((s) => s.expected.length === 0).length;
    expect(clean / samples.length).toBeGreaterThan(0.4);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('fails only on the listed lines (review/block hits)', () => {
    const { table, errors } = evaluateSamples(sut, samples);
    console.log([`fresh: ${table}`, ...errors].join('\n'));
    const failing = [...new Set(errors.map((e) => Number(/^line (\d+):/.exec(e)![1])))].sort((a, b) => a - b);
    expect(failing).toEqual(Object.keys(KNOWN_FAILURES).map(Number));
  });
});
