import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { ReconcilerService } from '../queue/reconciler.service';
import { AuditCheckpointer, CheckpointOutcome } from './audit-checkpointer';
import { loadSigningKey, SigningKey } from './checkpoint-signing';

/**
 * Seals the audit trail every AUDIT_CHECKPOINT_INTERVAL seconds, where the reconciler runs (the worker role).
 * Several workers may run it: an advisory lock (PostgreSQL) or the database's write lock (SQLite) and the
 * checkpoint number's primary key let one checkpoint through at a time.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit');
  private readonly key?: SigningKey;
  private timer?: NodeJS.Timeout;
  private running?: Promise<CheckpointOutcome | undefined>;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reconciler: ReconcilerService,
  ) {
    // Read at boot so a wrong key file stops the start instead of leaving checkpoints unsigned unnoticed.
    if (reconciler.enabled && config.audit.signingKeyFile) this.key = loadSigningKey(config.audit.signingKeyFile, (m) => this.logger.warn(m));
  }

  onApplicationBootstrap(): void {
    if (!this.reconciler.enabled) return;
    if (!this.key) this.logger.warn('audit checkpoints are written unsigned: set AUDIT_SIGNING_KEY_FILE to a key made with `audit:keygen --out FILE`');
    if (!this.config.audit.checkpointDir) this.logger.warn('audit checkpoints are kept in the database only: set AUDIT_CHECKPOINT_DIR to a directory that is shipped elsewhere');
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.audit.checkpointIntervalSeconds * 1000);
    this.timer.unref();
  }

  /** One checkpoint; a run already under way is joined. Failures are logged: the next interval tries again. */
  runOnce(): Promise<CheckpointOutcome | undefined> {
    const checkpointer = this.checkpointer();
    // The newest checkpoint's file first, in case a crash or a full disk came between its commit and its export.
    this.running ??= checkpointer
      .exportLatest()
      .catch((error: Error) => this.logger.error(`the newest audit checkpoint is not exported: ${error.message}`))
      .then(() => checkpointer.checkpoint())
      .then((outcome) => {
        if (!('written' in outcome)) return outcome;
        this.logger.debug(`audit checkpoint ${outcome.written.number}: ${outcome.written.events} event(s) up to seq ${outcome.written.lastSeq}`);
        if (outcome.exportError) this.logger.error(`audit checkpoint ${outcome.written.number} is in the database but not exported: ${outcome.exportError}`);
        return outcome;
      })
      .catch((error: Error) => {
        this.logger.warn(`audit checkpoint not written: ${error.message}`);
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private checkpointer(): AuditCheckpointer {
    return new AuditCheckpointer(this.em, { algorithm: this.config.audit.hash, key: this.key, dir: this.config.audit.checkpointDir });
  }
}
