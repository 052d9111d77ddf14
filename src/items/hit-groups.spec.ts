import type { Hit } from '@clearance/scanner';
import { blockingMarking, groupHits, hitIds, hitPage, summarizeHits, summaryGroups } from './hit-groups';

const hit = (ruleId: string, start: number, extra: Partial<Hit> = {}): Hit => ({
  ruleId, category: 'personal-info', severity: 'review', field: 'body', start, end: start + 11, text: `t${start}`, normalized: '', context: '', reason: ruleId, ...extra,
});

describe('hit groups', () => {
  const hits = [
    ...Array.from({ length: 120 }, (_, i) => hit('mobile', i * 12)),
    hit('classified-marking', 5000, { severity: 'block', category: 'classified-marking', text: ' 机密★10年 ' }),
    hit('uscc', 6000, { severity: 'info', category: 'sensitive-term' }),
  ];

  it('gives every hit an id that depends on where it is, not on the read, and tells exact repeats apart', () => {
    const sut = hitIds(hits);
    expect(hitIds([...hits])).toEqual(sut);
    expect(new Set(sut).size).toBe(hits.length);
    expect(sut[0]).toMatch(/^[0-9a-f]{16}$/);
    const twice = hitIds([hits[0], hits[0]]);
    expect(twice[1]).toBe(`${twice[0]}-2`);
    expect(hitIds([hit('mobile', 0, { field: 'title' })])[0]).not.toBe(sut[0]);
  });

  it('groups by rule, most severe first, with counts and the first hits of each', () => {
    const sut = groupHits(hits, hitIds(hits), 50);
    expect(sut.map((g) => [g.ruleId, g.count, g.hits.length, g.nextOffset])).toEqual([
      ['classified-marking', 1, 1, undefined], ['mobile', 120, 50, 50], ['uscc', 1, 1, undefined],
    ]);
  });

  it('pages through one rule', () => {
    const ids = hitIds(hits);
    const sut = hitPage(hits, ids, 'mobile', 100, 50);
    expect(sut).toMatchObject({ ruleId: 'mobile', count: 120, offset: 100 });
    expect(sut.hits.map((h) => h.id)).toEqual(ids.slice(100, 120));
    expect(sut.nextOffset).toBeUndefined();
    expect(hitPage(hits, ids, 'mobile', 0, 50).nextOffset).toBe(50);
    expect(hitPage(hits, ids, 'none', 0, 50)).toMatchObject({ count: 0, hits: [] });
  });

  it('summarizes what the item view shows: the same groups, ids and counts as from all the hits', () => {
    const mixed = [hit('mobile', 0, { severity: 'info' }), ...hits];
    const ids = hitIds(mixed);
    const sut = summarizeHits(mixed, 50);
    expect(sut).toMatchObject({ perGroup: 50, hitCount: 123, reviewHitCount: 120, blockingMarking: '机密★10年' });
    expect(summaryGroups(sut)).toEqual(groupHits(mixed, ids, 50));
    expect(sut.hits.map((h) => h.id)).toEqual([...ids.slice(0, 50), ids[121], ids[122]]);
    expect(sut.groups.find((g) => g.ruleId === 'mobile')).toMatchObject({ severity: 'review', count: 121, nextOffset: 50 });
    expect(summarizeHits([])).toEqual({ perGroup: 50, hitCount: 0, reviewHitCount: 0, blockingMarking: null, hits: [], groups: [] });
  });

  it('names the classified marking that blocked the revision, trimmed', () => {
    expect(blockingMarking(hits)).toBe('机密★10年');
    expect(blockingMarking(hits.slice(0, 3))).toBeNull();
  });
});
