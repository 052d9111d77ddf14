import { Injectable, Logger } from '@nestjs/common';
import { Format, ScanResult, Scanner } from '@clearance/scanner';

/** Holds the compiled scanner; built once per process (compiling the lexicon is the costly part). */
@Injectable()
export class ScannerService {
  private readonly logger = new Logger(ScannerService.name);
  private scanner?: Scanner;

  get current(): Scanner {
    if (!this.scanner) {
      this.scanner = Scanner.create();
      this.logger.log(`lexicon ${this.scanner.lexiconVersion}, rules ${this.scanner.rulesVersion} compiled`);
    }
    return this.scanner;
  }

  /** Compiles the lexicon and loads jieba's dictionaries now, so the first scan does not pay for it. */
  warmUp(): void {
    this.current.scan({ title: '预热', body: '政务公开工作预热文本。' });
  }

  /** Swaps in a newly compiled scanner, e.g. after an administrator changes the lexicon. */
  replace(scanner: Scanner): void {
    this.scanner = scanner;
  }

  scan(input: { title?: string; body: string; format?: Format }): ScanResult {
    return this.current.scan(input);
  }
}
