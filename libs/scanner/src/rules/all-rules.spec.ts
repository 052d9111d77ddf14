import type { Part } from '@clearance/documents';
import { Scanner } from '../scanner';
import type { Hit } from '../types';
import { ALL_RULES } from './all-rules';
import { RULE_SAMPLES } from './all-rules.samples';

describe('every rule against its samples', () => {
  const sut = Scanner.create({ keywords: 0 });

  /** A body, or for samples of a kind of place, the one part of an attachment holding the text. */
  const hitsIn = (text: string, part: Part | undefined): Hit[] => {
    if (part === undefined) return sut.scan({ body: text }).hits;
    const document = { pieces: [{ text, location: { file: 'sample', part } }], coverage: { file: 'sample', format: 'text' as const, bytes: 0, examined: [], gaps: [], durationMs: 0 } };
    return sut.scan({ body: '', attachments: [{ filename: 'sample', document }] }).hits;
  };

  it('has samples for every rule', () => {
    expect(Object.keys(RULE_SAMPLES).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  for (const [ruleId, samples] of Object.entries(RULE_SAMPLES)) {
    describe(ruleId, () => {
      it.each(samples.positives.map((s) => [s]))('hits %j', (text) => {
        const hits = hitsIn(text, samples.part).filter((h) => h.ruleId === ruleId);
        expect(hits.map((h) => h.ruleId)).toContain(ruleId);
        for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
      });
      it.each(samples.negatives.map((s) => [s]))('does not hit %j', (text) => {
        expect(hitsIn(text, samples.part).filter((h) => h.ruleId === ruleId)).toEqual([]);
      });
    });
  }

  it('keeps rules for a kind of place out of ordinary text', () => {
    for (const samples of Object.values(RULE_SAMPLES).filter((s) => s.part !== undefined)) {
      for (const text of samples.positives) {
        expect(sut.scan({ body: text }).hits.filter((h) => ALL_RULES.some((r) => r.id === h.ruleId && RULE_SAMPLES[r.id] === samples))).toEqual([]);
      }
    }
  });
});
