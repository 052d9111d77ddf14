import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ReconcilerService } from '../queue/reconciler.service';
import { DigestService } from './digest.service';

/** Worker role: the digests' BullMQ schedulers set at start and again by the reconciler (Redis may have lost them), plus the catch-up. */
@Injectable()
export class DigestScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(private readonly digests: DigestService, private readonly reconciler: ReconcilerService) {}

  onModuleInit(): void {
    this.reconciler.register('digests', async () => {
      await this.digests.schedule();
      return this.digests.catchUp();
    });
  }

  onApplicationBootstrap(): void {
    this.digests.schedule().catch((error: Error) => this.logger.warn(`digest schedules: ${error.message}`));
  }
}
