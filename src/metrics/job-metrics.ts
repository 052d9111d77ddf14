import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { MetricsRegistry } from './metrics-registry';

/** A processor's returned outcome (`delivered`, `blocked`…) as a label; anything else, which could be unbounded, is `done`. */
const resultLabel = (result: unknown): string => (typeof result === 'string' && /^[a-z_]{1,32}$/.test(result) ? result : 'done');

/**
 * Times every job this process runs and counts its result, from the BullMQ workers' own events, so every processor
 * (scan, extract, publish, notify, and any added later) is measured without a line in it. A job put back to sleep
 * for a later retry (DelayedError) ends neither completed nor failed and is counted when it finally ends.
 */
@Injectable()
export class JobMetrics implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService, private readonly metrics: MetricsRegistry) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      let worker: Worker;
      try {
        worker = instance.worker;
      } catch {
        continue; // a host whose worker was never created (processors are not registered in the api role)
      }
      worker.on('completed', (job: Job, result: unknown) => this.record(worker.name, job, resultLabel(result)));
      worker.on('failed', (job: Job | undefined) => job && this.record(worker.name, job, 'error'));
    }
  }

  private record(queue: string, job: Job, result: string): void {
    this.metrics.jobs.inc({ queue, result });
    if (job.processedOn && job.finishedOn) this.metrics.jobDuration.observe({ queue, result }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
  }
}
