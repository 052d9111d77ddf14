import { Module } from '@nestjs/common';
import { ScannerModule } from '../scan/scanner.module';
import { LexiconController } from './lexicon.controller';
import { LexiconService } from './lexicon.service';

/** Secrecy administrators' lexicon terms, kept in the database beside the shipped default lexicon. */
@Module({
  imports: [ScannerModule],
  controllers: [LexiconController],
  providers: [LexiconService],
  exports: [LexiconService],
})
export class LexiconModule {}
