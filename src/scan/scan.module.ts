import { DynamicModule, Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { ScanController } from './scan.controller';
import { ScanProcessor } from './scan.processor';
import { ScanReconciler } from './scan-reconciler';
import { ScanService } from './scan.service';
import { ScannerService } from './scanner.service';

/** Scanning: the draft endpoint always; the processor and reconciler only where the worker role runs. */
@Module({})
export class ScanModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: ScanModule,
      imports: [ItemsModule],
      controllers: [ScanController],
      providers: [
        ScannerService,
        ScanService,
        // Compile the lexicon and load jieba at start, not on the first scan or draft check.
        { provide: 'SCANNER_WARM_UP', useFactory: (s: ScannerService) => s.warmUp(), inject: [ScannerService] },
        ...(worker ? [ScanProcessor, ScanReconciler] : []),
      ],
      exports: [ScannerService, ScanService],
    };
  }
}
