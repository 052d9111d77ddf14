import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReconcilerService } from '../queue/reconciler.service';
import { DeadlinesService } from './deadlines.service';

/** On start and every reconcile interval: deadlines whose delayed job Redis lost are acted on from the database. */
@Injectable()
export class DeadlineSweep implements OnModuleInit {
  constructor(private readonly reconciler: ReconcilerService, private readonly deadlines: DeadlinesService) {}

  onModuleInit(): void {
    this.reconciler.register('deadlines', () => this.deadlines.sweep());
  }
}
