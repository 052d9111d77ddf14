import { evaluateSamples, loadSamples } from './sample-set';
import { Scanner } from './scanner';
import { CATEGORIES } from './types';

/**
 * Fresh evaluation sets, each written before the rule code was (re)read, to measure generalisation. Each prints
 * its per-category table and every miss / false hit; the lines still failing must be exactly the ones listed with
 * a reason, so a fix shows up as a shrinking list and a regression fails the build.
 */
const SETS: Array<{ name: string; file: string; knownFailures: Record<number, string> }> = [
  {
    // Written after the labelled and hold-out sets were fitted.
    name: 'fresh',
    file: 'fresh-samples.tsv',
    knownFailures: {
      // A 起草说明 names its draft; only the context (published with a public consultation, or circulated inside)
      // decides. Labelled clean when written; review is a defensible outcome, so the label is left as written.
      169: '起草说明 of a draft without consultation context: flagged for review',
      // Lexicon gaps: unpublished-statistics and civil-defence phrases the lexicon does not hold. Adding these exact
      // phrases would only fit the set; a topic pattern (未(对外)?(公布|发布)的…数据) is a lexicon-format change.
      180: 'unpublished statistics phrased differently from the lexicon term',
      181: 'civil-defence command post coordinates: no lexicon term',
    },
  },
  {
    // Written for issue 14 before the rules were read again. Scored before any rule changed (222 samples, 107 clean;
    // 171 exactly right; precision / recall): classified-marking 40 pos: 1.000 / 0.550, internal-marking 17:
    // 0.882 / 0.882, personal-info 37: 1.000 / 0.541, process-info 21: 0.875 / 0.667, sensitive-term 3: 0.400 / 0.667.
    name: 'fresh2',
    file: 'fresh2-samples.tsv',
    knownFailures: {
      // Same gap as fresh 181: a facility's location phrased otherwise than the lexicon's 军事设施坐标. A near-term
      // topic (军事设施 … 位置) is a lexicon-format change; adding this phrase would only fit the set.
      203: 'military-facility location phrased differently from the lexicon term',
    },
  },
];

describe.each(SETS)('$name samples', ({ name, file, knownFailures }) => {
  const sut = Scanner.create({ keywords: 0 });
  const samples = loadSamples(file);

  it('has at least 150 samples, roughly half clean, every label a category', () => {
    expect(samples.length).toBeGreaterThanOrEqual(150);
    const clean = samples.filter((s) => s.expected.length === 0).length;
    expect(clean / samples.length).toBeGreaterThan(0.4);
    for (const s of samples) for (const c of s.expected) expect(CATEGORIES).toContain(c);
  });

  it('fails only on the listed lines (review/block hits)', () => {
    const { table, errors } = evaluateSamples(sut, samples);
    console.log([`${name}: ${table}`, ...errors].join('\n'));
    const failing = [...new Set(errors.map((e) => Number(/^line (\d+):/.exec(e)![1])))].sort((a, b) => a - b);
    expect(failing).toEqual(Object.keys(knownFailures).map(Number));
  });
});
