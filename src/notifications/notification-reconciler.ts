import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { ReconcilerService } from '../queue/reconciler.service';
import { NotificationMessage } from './entities/notification-message.entity';
import { Notification } from './entities/notification.entity';
import { NotificationExpander } from './notification-expander';
import { NotificationJobs } from './notification-jobs';
import { NotificationWake } from './notification-wake';

const BATCH = 500;

/**
 * Outbox rows not yet expanded are expanded, and messages without a job get one: pending and due, or whose
 * sender's lease ran out (a crashed worker). Runs with the service's reconciler, and on its own
 * every NOTIFY_POLL_MS, since rows are queued by other processes (the api role, the CLI) whose wake-up never reaches here.
 */
@Injectable()
export class NotificationReconciler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly em: EntityManager,
    private readonly reconciler: ReconcilerService,
    private readonly jobs: NotificationJobs,
    private readonly expander: NotificationExpander,
    private readonly wake: NotificationWake,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register('notifications', () => this.reconcile());
    this.wake.listen(() => void this.poll());
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.config.notifications.pollMs);
    this.timer.unref();
  }

  private poll(): Promise<number> {
    return this.reconcile().catch((error: Error) => {
      this.logger.warn(`notifications: ${error.message}`);
      return 0;
    });
  }

  /** One pass; a pass under way is joined. Returns how many jobs were (re)added. */
  reconcile(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const em = this.em.fork();
    let count = 0;
    for (let after = ''; ; ) {
      const page = await em.find(Notification, { status: 'pending', id: { $gt: after } }, { fields: ['id'], orderBy: { id: 'asc' }, limit: BATCH });
      for (const n of page) if (await this.expand(n.id)) count++;
      if (page.length < BATCH) break;
      after = page[page.length - 1].id;
    }
    const now = new Date();
    for (let after = ''; ; ) {
      const page = await em.find(
        NotificationMessage,
        // A message due later already has its delayed job (the sender put it there); if Redis lost it, it is found here once due.
        { id: { $gt: after }, $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', leaseUntil: { $lt: now } }] },
        { fields: ['id'], orderBy: { id: 'asc' }, limit: BATCH },
      );
      for (const m of page) if (await this.jobs.ensureSend(m.id)) count++;
      if (page.length < BATCH) break;
      after = page[page.length - 1].id;
    }
    return count;
  }

  /**
   * An outbox row is expanded here, in the pass, rather than by a job of its own: expanding is a few statements,
   * the same rows whoever runs it (two workers' passes at once write each message once), and a job per row cost
   * more in Redis round trips than the expansion itself. A row that cannot be expanded stays pending for the next pass.
   */
  private async expand(notificationId: string): Promise<boolean> {
    try {
      for (const messageId of await this.expander.expand(notificationId)) await this.jobs.ensureSend(messageId);
      return true;
    } catch (error) {
      this.logger.warn(`notification ${notificationId} not expanded (next pass retries): ${(error as Error).message}`);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
