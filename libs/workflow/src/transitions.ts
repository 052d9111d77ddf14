import { ReasonRequiredError, StateConflictError } from './domain-error';
import { awaitingState, Decision, ItemState, Level, levelOf, nextLevel } from './states';

/** Every state change the service may make, and from where. A timer may remind; it never approves. */
const ALLOWED: Record<ItemState, readonly ItemState[]> = {
  submitted: ['scanning', 'withdrawn', 'submitted'],
  scanning: ['awaiting_filler', 'blocked', 'withdrawn', 'submitted'],
  awaiting_filler: ['awaiting_leader', 'rejected', 'referred', 'withheld', 'withdrawn', 'submitted'],
  awaiting_leader: ['awaiting_chief', 'rejected', 'referred', 'withheld', 'withdrawn', 'submitted'],
  awaiting_chief: ['approved', 'rejected', 'referred', 'withheld', 'withdrawn', 'submitted'],
  approved: ['publishing', 'withdrawn', 'submitted'],
  publishing: ['published', 'recalled', 'withdrawn', 'submitted'],
  published: ['recalled', 'submitted'],
  blocked: ['awaiting_filler', 'rejected', 'withheld', 'withdrawn', 'submitted'],
  rejected: ['submitted', 'withdrawn'],
  referred: ['awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'rejected', 'withheld', 'withdrawn', 'submitted'],
  withdrawn: ['submitted'],
  recalled: ['submitted'],
  // Final: only a new revision from the CMS opens the review again; the CMS may still withdraw it, as a rejected one.
  withheld: ['submitted', 'withdrawn'],
};

export function canTransition(from: ItemState, to: ItemState): boolean {
  return ALLOWED[from].includes(to);
}

export function assertTransition(from: ItemState, to: ItemState): void {
  if (!canTransition(from, to)) throw new StateConflictError(`an item in state ${from} cannot move to ${to}`);
}

/** Where a decision at the item's current level takes it. */
export function stateAfterDecision(state: ItemState, decision: Decision): ItemState {
  const level = levelOf(state);
  if (!level) throw new StateConflictError(`the item is ${state}: it awaits no review decision`);
  switch (decision) {
    case 'approve': {
      const next = nextLevel(level);
      return next ? awaitingState(next) : 'approved';
    }
    case 'reject':
      return 'rejected';
    case 'refer':
      return 'referred';
    default: {
      const unknown: never = decision;
      throw new StateConflictError(`unknown decision ${String(unknown)}`);
    }
  }
}

/** Rejecting, referring, overriding and returning need a written reason. */
export function requireReason(decision: Decision | 'override' | 'return' | 'recall' | 'withhold', comment: string | undefined): void {
  if (decision === 'approve') return;
  if (!comment || comment.trim().length === 0) throw new ReasonRequiredError('comment');
}

/** The level a referred item returns to. */
export function stateAfterReturn(referredFrom: Level | undefined): ItemState {
  return awaitingState(referredFrom ?? 'filler');
}
