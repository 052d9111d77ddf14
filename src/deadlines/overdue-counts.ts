import { EntityManager } from '@mikro-orm/core';
import type { Level } from '@clearance/workflow';
import { isCurrent } from './current-deadline';
import { ReviewDeadline } from './entities/review-deadline.entity';

export type OverdueCounts = Record<Level, number> & { total: number };

/** Items of a unit waiting past their level's due time at `now`, per level (for the report and the CLI). */
export async function countOverdue(em: EntityManager, unitId: string, now = new Date()): Promise<OverdueCounts> {
  const rows = await em.find(ReviewDeadline, { unit: unitId, closedAt: null, dueAt: { $lte: now } }, { populate: ['item'], fields: ['level', 'revision', 'startedAt', 'item.state', 'item.revision', 'item.stateChangedAt'] });
  // A level decided a moment ago may not be closed by its timer yet: only current deadlines count.
  const current = rows.filter((d) => isCurrent(d, d.item));
  const counts: OverdueCounts = { filler: 0, leader: 0, chief: 0, total: current.length };
  for (const row of current) counts[row.level]++;
  return counts;
}
