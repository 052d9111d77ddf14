import { ItemState, Level, levelOf, LEVELS } from './states';

/** One state change of one item, as the audit trail records it. */
export interface TransitionRecord {
  itemId: string;
  at: Date;
  fromState?: string | null;
  toState?: string | null;
}

export interface LevelTimes {
  /** Items that left this level (approved, rejected or referred) in the period. */
  decided: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  maxMinutes: number | null;
}

/**
 * How long each level held items before deciding: from entering awaiting_<level> to leaving it,
 * counted for departures inside [from, to). A referral restarts the clock when the item returns,
 * so time spent with the secrecy office is not charged to the level.
 */
export function reviewTimes(events: readonly TransitionRecord[], from: Date, to: Date): Record<Level, LevelTimes> {
  const durations: Record<Level, number[]> = { filler: [], leader: [], chief: [] };
  const entered = new Map<string, Date>();
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of ordered) {
    const left = event.fromState ? levelOf(event.fromState as ItemState) : undefined;
    if (left && event.toState !== event.fromState) {
      const since = entered.get(`${event.itemId}:${left}`);
      entered.delete(`${event.itemId}:${left}`);
      if (since && event.at >= from && event.at < to) durations[left].push(event.at.getTime() - since.getTime());
    }
    const reached = event.toState ? levelOf(event.toState as ItemState) : undefined;
    if (reached) entered.set(`${event.itemId}:${reached}`, event.at);
  }
  return Object.fromEntries(LEVELS.map((level) => [level, summarise(durations[level])])) as Record<Level, LevelTimes>;
}

function summarise(millis: number[]): LevelTimes {
  if (millis.length === 0) return { decided: 0, medianMinutes: null, p90Minutes: null, maxMinutes: null };
  const sorted = [...millis].sort((a, b) => a - b);
  const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;
  return { decided: sorted.length, medianMinutes: minutes(quantile(sorted, 0.5)), p90Minutes: minutes(quantile(sorted, 0.9)), maxMinutes: minutes(sorted[sorted.length - 1]) };
}

/** Nearest-rank quantile of an ascending list. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
