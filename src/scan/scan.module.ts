import { DynamicModule, Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { ScanController } from './scan.controller';
import { ScanProcessor } from './scan.processor';
import { ScanReconciler } from './scan-reconciler';
import { ScanService } from './scan.service';
import { ScannerModule } from './scanner.module';

/** Scanning: the draft endpoint always; the processor and reconciler only where the worker role runs. */
@Module({})
export class ScanModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: ScanModule,
      imports: [ItemsModule, ScannerModule],
      controllers: [ScanController],
      providers: [
        ScanService,
        ...(worker ? [ScanProcessor, ScanReconciler] : []),
      ],
      exports: [ScannerModule, ScanService],
    };
  }
}
