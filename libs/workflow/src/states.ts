/** Item states as they appear on the wire (DESIGN.md §2). */
export const ITEM_STATES = [
  'submitted',
  'scanning',
  'awaiting_filler',
  'awaiting_leader',
  'awaiting_chief',
  'approved',
  'publishing',
  'published',
  'blocked',
  'rejected',
  'referred',
  'withdrawn',
  'recalled',
  /** 不予公开: a secrecy administrator ended the review without release, with a reason the CMS hears. */
  'withheld',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** The three review levels: 初审, 复审, 复核. */
export const LEVELS = ['filler', 'leader', 'chief'] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = ['filler', 'leader', 'chief', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DECISIONS = ['approve', 'reject', 'refer'] as const;
export type Decision = (typeof DECISIONS)[number];
export type DecisionKind = Decision | 'override' | 'return' | 'withhold';

const AWAITING: Record<Level, ItemState> = {
  filler: 'awaiting_filler',
  leader: 'awaiting_leader',
  chief: 'awaiting_chief',
};

export function awaitingState(level: Level): ItemState {
  return AWAITING[level];
}

/** The level whose decision an item waits for, if any. */
export function levelOf(state: ItemState): Level | undefined {
  return LEVELS.find((level) => AWAITING[level] === state);
}

export function nextLevel(level: Level): Level | undefined {
  return LEVELS[LEVELS.indexOf(level) + 1];
}

/** States from which nothing moves on except by a new revision. */
export const FINAL_STATES: readonly ItemState[] = ['published', 'withdrawn', 'recalled', 'withheld'];

/** Where a secrecy administrator may end an item as 不予公开: while it awaits a review level, is blocked, or is with the secrecy office. */
export const WITHHOLDABLE_STATES: readonly ItemState[] = ['awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'blocked', 'referred'];

/** How a reviewer recorded one review-level hit before approving at 初审: 已核实可公开 or 误报. */
export const DISPOSITION_OUTCOMES = ['verified', 'false-positive'] as const;
export type DispositionOutcome = (typeof DISPOSITION_OUTCOMES)[number];

/** Chinese labels used in the web page and in reasons. */
export const LEVEL_LABELS: Record<Level, string> = { filler: '初审', leader: '复审', chief: '复核' };
