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
  18: '秘密级 self-declaration missed',
  19: '机密级 self-declaration missed',
  59: '仅限本单位内部使用 missed',
  68: '内部文件 in running text flagged',
  69: '不得外传 in running text flagged',
  123: 'corporate account flagged as a bank card',
  124: 'government account flagged as a bank card',
  125: 'corporate account flagged as a bank card',
  126: 'corporate account flagged as a bank card',
  130: '对公账户 flagged as a bank card',
  133: 'home address missed',
  134: 'home address missed',
  135: 'home address missed',
  158: '请示 document missed',
  162: '初稿 missed',
  164: '请示 document missed',
  169: '起草说明 of a public consultation flagged',
  171: '送审稿 in running text flagged',
  180: 'unpublished statistics missed',
  181: 'civil-defence command post coordinates missed',
  193: 'corporate deposit account in a tender notice flagged',
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
