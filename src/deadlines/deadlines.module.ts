import { DynamicModule, Global, Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineSweep } from './deadline-sweep';
import { DeadlinesService } from './deadlines.service';
import { ReviewDueSettings } from './review-due-settings';

/**
 * Review deadlines. The transition hook runs in every role (a decision may be made in an api process); the
 * processor and the sweep where the worker role runs. Global so the queue and the report can show due times
 * without every feature module importing this one.
 */
@Global()
@Module({})
export class DeadlinesModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: DeadlinesModule,
      imports: [ItemsModule],
      providers: [DeadlinesService, ReviewDueSettings, ...(worker ? [DeadlineProcessor, DeadlineSweep] : [])],
      exports: [DeadlinesService, ReviewDueSettings],
    };
  }
}
