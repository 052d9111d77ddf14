import { reviewTimes, TransitionRecord } from './review-times';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 8, minute));
const from = at(0);
const to = at(600);

function path(itemId: string, steps: Array<[minute: number, fromState: string | null, toState: string]>): TransitionRecord[] {
  return steps.map(([minute, fromState, toState]) => ({ itemId, at: at(minute), fromState, toState }));
}

describe('reviewTimes', () => {
  it('measures each level from entering its queue to leaving it', () => {
    const events = path('a', [
      [0, null, 'submitted'], [1, 'submitted', 'scanning'], [2, 'scanning', 'awaiting_filler'],
      [12, 'awaiting_filler', 'awaiting_leader'], [42, 'awaiting_leader', 'awaiting_chief'], [102, 'awaiting_chief', 'approved'],
    ]);
    expect(reviewTimes(events, from, to)).toEqual({
      filler: { decided: 1, medianMinutes: 10, p90Minutes: 10, maxMinutes: 10 },
      leader: { decided: 1, medianMinutes: 30, p90Minutes: 30, maxMinutes: 30 },
      chief: { decided: 1, medianMinutes: 60, p90Minutes: 60, maxMinutes: 60 },
    });
  });

  it('does not charge the time with the secrecy office to the level that referred the item', () => {
    const events = path('b', [
      [0, 'scanning', 'awaiting_filler'], [5, 'awaiting_filler', 'awaiting_leader'],
      [15, 'awaiting_leader', 'referred'], [300, 'referred', 'awaiting_leader'], [320, 'awaiting_leader', 'awaiting_chief'],
    ]);
    expect(reviewTimes(events, from, to).leader).toEqual({ decided: 2, medianMinutes: 10, p90Minutes: 20, maxMinutes: 20 });
  });

  it('counts only departures inside the period, even when the item arrived before it', () => {
    const events = [
      ...path('early', [[0, 'scanning', 'awaiting_filler'], [30, 'awaiting_filler', 'awaiting_leader']]),
      ...path('late', [[590, 'scanning', 'awaiting_filler'], [620, 'awaiting_filler', 'rejected']]),
    ];
    expect(reviewTimes(events, at(20), to).filler).toEqual({ decided: 1, medianMinutes: 30, p90Minutes: 30, maxMinutes: 30 });
  });

  it('takes the events in any order and ignores departures it never saw arrive', () => {
    const events = path('c', [[50, 'awaiting_chief', 'approved'], [20, 'awaiting_leader', 'awaiting_chief']]).reverse();
    expect(reviewTimes(events, from, to).chief).toEqual({ decided: 1, medianMinutes: 30, p90Minutes: 30, maxMinutes: 30 });
    expect(reviewTimes(events, from, to).leader.decided).toBe(0);
    expect(reviewTimes([], from, to).filler).toEqual({ decided: 0, medianMinutes: null, p90Minutes: null, maxMinutes: null });
  });

  it('reports the median and the 90th percentile by nearest rank', () => {
    const events = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((minutes, i) =>
      path(`i${i}`, [[0, 'scanning', 'awaiting_filler'], [minutes, 'awaiting_filler', 'awaiting_leader']]));
    expect(reviewTimes(events, from, to).filler).toEqual({ decided: 10, medianMinutes: 5, p90Minutes: 9, maxMinutes: 10 });
  });
});
