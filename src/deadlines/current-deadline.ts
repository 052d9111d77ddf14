import { levelOf } from '@clearance/workflow';
import type { Item } from '../items/entities/item.entity';
import type { ReviewDeadline } from './entities/review-deadline.entity';

/** What decides whether a deadline is the item's current one. */
export type CurrentFacts = Pick<Item, 'state' | 'revision' | 'stateChangedAt'>;

/** The deadline of the stay the item is in now: same level, same revision, started when the item entered its state. */
export function isCurrent(deadline: Pick<ReviewDeadline, 'level' | 'revision' | 'startedAt'>, item: CurrentFacts): boolean {
  return levelOf(item.state) === deadline.level && item.revision === deadline.revision && item.stateChangedAt.getTime() === deadline.startedAt.getTime();
}
