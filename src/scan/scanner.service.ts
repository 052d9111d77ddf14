import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { ScanInput, ScanResult, Scanner } from '@clearance/scanner';
import { LexiconTerm } from '../lexicon/entities/lexicon-term.entity';
import { readLexiconRevision } from '../lexicon/lexicon-term.repository';
import { RevisionCache } from './revision-cache';

/**
 * Holds the process's compiled scanner: the shipped default lexicon plus the active terms in the database.
 * Before every scan it reads the lexicon revision (one primary-key query) and rebuilds when another process
 * has changed the lexicon, so api and worker processes scan with what the database holds, not what they
 * loaded at start.
 */
@Injectable()
export class ScannerService {
  private readonly logger = new Logger(ScannerService.name);
  private readonly cache: RevisionCache<Scanner>;

  constructor(private readonly em: EntityManager) {
    this.cache = new RevisionCache(() => readLexiconRevision(this.em), () => this.build());
  }

  /** The scanner for the lexicon the database holds now. */
  current(): Promise<Scanner> {
    return this.cache.get();
  }

  /** The lexicon revision the held scanner was built from (undefined before the first build). */
  get loadedRevision(): number | undefined {
    return this.cache.loadedRevision;
  }

  /**
   * Compiles the lexicon (with the database's terms) and loads jieba's dictionaries now, so the first scan
   * does not pay for it. If the terms cannot be read, the default lexicon is warmed and the first scan retries.
   */
  async warmUp(): Promise<void> {
    let scanner: Scanner;
    try {
      scanner = await this.current();
    } catch (error) {
      this.logger.warn(`lexicon terms not loaded at start (${(error as Error).message}); the first scan loads them`);
      scanner = Scanner.create();
    }
    scanner.scan({ title: '预热', body: '政务公开工作预热文本。' });
  }

  async scan(input: ScanInput): Promise<ScanResult> {
    return (await this.current()).scan(input);
  }

  /** Scans with the lexicon of `revision`, read by the caller with the content (`lexicon_revision.revision`): one query fewer. */
  async scanAt(revision: number, input: ScanInput): Promise<ScanResult> {
    return (await this.cache.at(revision)).scan(input);
  }

  private async build(): Promise<{ value: Scanner; revision: number }> {
    // Revision first, terms second: a change committed in between is then seen again on the next scan.
    const revision = await readLexiconRevision(this.em);
    const terms = await this.em.fork().getRepository(LexiconTerm).activeEntries();
    const scanner = Scanner.create({ lexicons: [terms] });
    this.logger.log(`lexicon ${scanner.lexiconVersion} (revision ${revision}, ${terms.length} custom terms), rules ${scanner.rulesVersion} compiled`);
    return { value: scanner, revision };
  }
}
