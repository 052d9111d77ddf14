import { Scanner } from '../scanner';
import { ALL_RULES } from './all-rules';
import { RULE_SAMPLES } from './all-rules.samples';

describe('every rule against its samples', () => {
  const sut = Scanner.create({ keywords: 0 });

  it('has samples for every rule', () => {
    expect(Object.keys(RULE_SAMPLES).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  for (const [ruleId, samples] of Object.entries(RULE_SAMPLES)) {
    describe(ruleId, () => {
      it.each(samples.positives.map((s) => [s]))('hits %j', (text) => {
        const hits = sut.scan({ body: text }).hits.filter((h) => h.ruleId === ruleId);
        expect(hits.map((h) => h.ruleId)).toContain(ruleId);
        for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
      });
      it.each(samples.negatives.map((s) => [s]))('does not hit %j', (text) => {
        expect(sut.scan({ body: text }).hits.filter((h) => h.ruleId === ruleId)).toEqual([]);
      });
    });
  }
});
