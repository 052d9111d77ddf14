import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Item } from '../items/entities/item.entity';
import { Scan } from '../items/entities/scan.entity';
import { Delivery } from '../publishing/entities/delivery.entity';
import { QUEUES } from '../queue/queues';
import { MetricsRegistry } from './metrics-registry';

export const METRIC_QUEUES = Symbol('METRIC_QUEUES');
export const metricQueuesProvider = {
  provide: METRIC_QUEUES,
  useFactory: (...queues: Queue[]) => queues,
  inject: Object.values(QUEUES).map((name) => getQueueToken(name)),
};

const JOB_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
const WAITING: Record<string, Item['state']> = { filler: 'awaiting_filler', leader: 'awaiting_leader', chief: 'awaiting_chief', blocked: 'blocked', referred: 'referred' };
/** A scan is stored a moment after its createdAt (the transaction commits later): look back this far and skip ids seen. */
const COMMIT_LAG_MS = 120_000;

/**
 * What every process can read the same: queue lengths from Redis, items and deliveries from the database, and the
 * scans workers stored, counted once each. Read at scrape, so an api process reports what split-off workers did.
 */
@Injectable()
export class StateMetrics {
  private readonly logger = new Logger(StateMetrics.name);
  private readonly startedAt = new Date();
  private scansSince = this.startedAt;
  private readonly seen = new Map<string, number>();

  constructor(private readonly em: EntityManager, private readonly metrics: MetricsRegistry, @Inject(METRIC_QUEUES) private readonly queues: Queue[]) {}

  async refresh(): Promise<void> {
    const parts: Array<[string, () => Promise<void>]> = [['redis', () => this.queueCounts()], ['database', () => this.database()]];
    await Promise.all(
      parts.map(async ([source, read]) => {
        try {
          await read();
        } catch (error) {
          this.metrics.scrapeErrors.inc({ source });
          this.logger.warn(`metrics: reading ${source} failed: ${(error as Error).message}`);
        }
      }),
    );
  }

  private async queueCounts(): Promise<void> {
    for (const queue of this.queues) {
      const counts = await queue.getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) this.metrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
  }

  private async database(): Promise<void> {
    const em = this.em.fork();
    const now = Date.now();
    for (const [level, state] of Object.entries(WAITING)) {
      const [count, oldest] = await Promise.all([
        em.count(Item, { state }),
        em.findOne(Item, { state }, { orderBy: { stateChangedAt: 'asc' }, fields: ['stateChangedAt'] }),
      ]);
      this.metrics.itemsWaiting.set({ level }, count);
      this.metrics.oldestWait.set({ level }, oldest ? Math.max(0, (now - oldest.stateChangedAt.getTime()) / 1000) : 0);
    }
    const table = em.getMetadata().get(Delivery.name).tableName;
    const rows = (await em.getConnection().execute(`select kind, status, count(*) as n from ${table} group by kind, status`)) as Array<{ kind: string; status: string; n: number | string }>;
    this.metrics.deliveries.reset();
    for (const row of rows) this.metrics.deliveries.set({ kind: row.kind, status: row.status }, Number(row.n));
    await this.newScans(em, now);
  }

  private async newScans(em: EntityManager, now: number): Promise<void> {
    const since = new Date(this.scansSince.getTime() - COMMIT_LAG_MS);
    const scans = await em.find(Scan, { createdAt: { $gt: since } }, { fields: ['verdict', 'hits', 'createdAt'], orderBy: { createdAt: 'asc' } });
    for (const scan of scans) {
      if (this.seen.has(scan.id) || scan.createdAt < this.startedAt) continue;
      this.seen.set(scan.id, scan.createdAt.getTime());
      this.metrics.verdicts.inc({ verdict: scan.verdict });
      for (const hit of scan.hits) this.metrics.hits.inc({ category: hit.category });
    }
    this.scansSince = new Date(now);
    for (const [id, at] of this.seen) if (at < now - 2 * COMMIT_LAG_MS) this.seen.delete(id);
  }
}
