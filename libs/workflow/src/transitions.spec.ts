import { ReasonRequiredError, StateConflictError } from './domain-error';
import { FINAL_STATES, ITEM_STATES, levelOf, WITHHOLDABLE_STATES } from './states';
import { assertTransition, canTransition, requireReason, stateAfterDecision, stateAfterReturn } from './transitions';

describe('transitions', () => {
  it('walks the three levels in order and ends approved', () => {
    expect(stateAfterDecision('awaiting_filler', 'approve')).toBe('awaiting_leader');
    expect(stateAfterDecision('awaiting_leader', 'approve')).toBe('awaiting_chief');
    expect(stateAfterDecision('awaiting_chief', 'approve')).toBe('approved');
  });

  it.each(['awaiting_filler', 'awaiting_leader', 'awaiting_chief'] as const)('rejects and refers from %s', (state) => {
    expect(stateAfterDecision(state, 'reject')).toBe('rejected');
    expect(stateAfterDecision(state, 'refer')).toBe('referred');
  });

  it.each(ITEM_STATES.filter((s) => !levelOf(s)))('refuses any decision while %s', (state) => {
    expect(() => stateAfterDecision(state, 'approve')).toThrow(StateConflictError);
  });

  it('never lets a blocked item skip review, and never approves without the chief', () => {
    expect(canTransition('blocked', 'approved')).toBe(false);
    expect(canTransition('blocked', 'awaiting_filler')).toBe(true);
    for (const state of ITEM_STATES) {
      if (state !== 'awaiting_chief') expect(canTransition(state, 'approved')).toBe(false);
    }
    expect(() => assertTransition('scanning', 'published')).toThrow(StateConflictError);
  });

  it('lets every state take a new revision, also one still waiting for its scan (a slow attachment scan)', () => {
    for (const state of ITEM_STATES) expect(canTransition(state, 'submitted')).toBe(true);
  });

  it('requires a written reason for everything but approval', () => {
    expect(() => requireReason('approve', undefined)).not.toThrow();
    expect(() => requireReason('reject', '   ')).toThrow(ReasonRequiredError);
    expect(() => requireReason('refer', undefined)).toThrow(ReasonRequiredError);
    expect(() => requireReason('override', '')).toThrow(ReasonRequiredError);
    expect(() => requireReason('refer', '请保密办审查')).not.toThrow();
  });

  it('returns a referred item to the level that referred it', () => {
    expect(stateAfterReturn('leader')).toBe('awaiting_leader');
    expect(stateAfterReturn(undefined)).toBe('awaiting_filler');
  });

  it('ends an item as withheld (不予公开) only from a review level, a block or a referral, and reopens it only by a new revision (the CMS may withdraw it)', () => {
    for (const state of ITEM_STATES) expect(canTransition(state, 'withheld')).toBe(WITHHOLDABLE_STATES.includes(state));
    expect(FINAL_STATES).toContain('withheld');
    expect(ITEM_STATES.filter((s) => canTransition('withheld', s))).toEqual(['submitted', 'withdrawn']);
    expect(() => requireReason('withhold', ' ')).toThrow(ReasonRequiredError);
  });
});
