import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';

/** Re-derives jobs from database state; returns how many jobs it (re)enqueued. */
export type ReconcileTask = () => Promise<number>;

/**
 * Redis holds only work in flight. On start and every interval, each registered task looks for rows
 * whose state implies a job and makes sure one exists, so a crash or a flushed Redis loses nothing.
 * Runs in every worker process; jobs have deterministic ids, so overlapping runs collapse.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly tasks = new Map<string, ReconcileTask>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  enabled = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  register(name: string, task: ReconcileTask): void {
    this.tasks.set(name, task);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.reconcileIntervalMs);
    this.timer.unref();
  }

  /** One pass over every task; a pass already under way is joined, not doubled. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const [name, task] of this.tasks) {
      try {
        const count = await task();
        if (count > 0) this.logger.log(`${name}: re-enqueued ${count} job(s)`);
      } catch (error) {
        this.logger.warn(`${name}: ${(error as Error).message}`);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
