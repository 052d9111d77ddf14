import { DynamicModule, Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ItemsModule } from '../items/items.module';
import { ExtractProcessor } from './extract.processor';
import { ScanController } from './scan.controller';
import { ScanProcessor } from './scan.processor';
import { ScanReconciler } from './scan-reconciler';
import { ScanService } from './scan.service';
import { ScanVerdicts } from './scan-verdict';
import { ScannerModule } from './scanner.module';

/** Scanning: the draft endpoint always; the processors (scan, extract) and reconciler only where the worker role runs. */
@Module({})
export class ScanModule {
  static register(worker: boolean): DynamicModule {
    return {
      module: ScanModule,
      imports: [ItemsModule, ScannerModule, AttachmentsModule],
      controllers: [ScanController],
      providers: [
        ScanService,
        ScanVerdicts,
        ...(worker ? [ScanProcessor, ExtractProcessor, ScanReconciler] : []),
      ],
      exports: [ScannerModule, ScanService],
    };
  }
}
