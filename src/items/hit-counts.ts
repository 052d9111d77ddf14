import { EntityManager } from '@mikro-orm/core';
import { countBy } from '../common/count-by';
import { Scan } from './entities/scan.entity';
import { HitGroup } from './hit-groups';

/** Hits per category from a summary's groups: each group counts every hit of its rule, shown or not. */
export function categoryCounts(groups: ReadonlyArray<Pick<HitGroup, 'category' | 'count'>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const group of groups) counts[group.category] = (counts[group.category] ?? 0) + group.count;
  return counts;
}

/**
 * Hits per category of each scan, by scan id, read from the stored summaries; only scans stored before summaries
 * were have their full hits column read.
 */
export async function categoryCountsOf(em: EntityManager, scans: ReadonlyArray<Pick<Scan, 'id' | 'hitSummary'>>): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  for (const scan of scans) if (scan.hitSummary) counts.set(scan.id, categoryCounts(scan.hitSummary.groups));
  const unsummarized = scans.filter((s) => !s.hitSummary).map((s) => s.id);
  if (unsummarized.length) {
    for (const scan of await em.find(Scan, { id: { $in: unsummarized } }, { fields: ['hits'], disableIdentityMap: true })) {
      counts.set(scan.id, countBy(scan.hits.map((h) => h.category)));
    }
  }
  return counts;
}
