import { Module } from '@nestjs/common';
import { ScannerService } from './scanner.service';

/** The process's one compiled scanner, shared by scanning and the lexicon administration. */
@Module({
  providers: [
    ScannerService,
    // Compile the lexicon and load jieba at start, not on the first scan or draft check.
    { provide: 'SCANNER_WARM_UP', useFactory: (s: ScannerService) => s.warmUp(), inject: [ScannerService] },
  ],
  exports: [ScannerService],
})
export class ScannerModule {}
