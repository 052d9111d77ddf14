import { EntityManager, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ExtractedDocument } from '@clearance/documents';
import type { ScanResult } from '@clearance/scanner';
import { randomUUID } from 'node:crypto';
import { AttachmentExtractor } from '../attachments/attachment-extractor';
import type { ReceivedFile } from '../attachments/attachment-upload';
import { AttachmentsService } from '../attachments/attachments.service';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import { boundParts } from '../attachments/stored-parts';
import { ScanDraftDto } from '../items/dto/scan-draft.dto';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { ItemTransitions } from '../items/item-transitions.service';
import { assertBodySize } from '../items/items.service';
import { inTransaction } from '../database/transaction';
import { ScannerService } from './scanner.service';

export type ScanOutcome = 'skipped' | 'blocked' | 'awaiting_filler';

/** Rows per insert of scan parts: well under SQLite's limit of bound parameters. */
const PART_BATCH = 200;

/** Carries one revision through the scanner. Safe to run twice: it re-reads the item and does nothing once it has moved on. */
@Injectable()
export class ScanService {
  constructor(
    private readonly em: EntityManager,
    private readonly transitions: ItemTransitions,
    private readonly scanner: ScannerService,
    private readonly attachments: AttachmentsService,
    private readonly extractor: AttachmentExtractor,
  ) {}

  async scanRevision(itemId: string, revisionNumber: number): Promise<ScanOutcome> {
    const started = await inTransaction(this.em, async (tx) => {
      const item = await tx.em.findOne(Item, { id: itemId });
      if (!item || item.revision !== revisionNumber || (item.state !== 'submitted' && item.state !== 'scanning')) return false;
      if (item.state === 'submitted') await this.transitions.move(tx, item, 'scanning', 'system');
      return true;
    }).catch((error) => {
      if (error instanceof OptimisticLockError) return false;
      throw error;
    });
    if (!started) return 'skipped';

    const em = this.em.fork();
    const revision = await em.findOneOrFail(Revision, { item: itemId, number: revisionNumber }, { populate: ['body'] });
    // A crash after the scan was stored but before the state moved leaves the stored scan (and its parts) to reuse.
    let scan = await em.findOne(Scan, { revision });
    if (!scan) {
      const attachments = revision.attachmentCount > 0 ? await this.extractAttachments(em, revision) : [];
      const result = await this.scanner.scan({ title: revision.title, body: revision.body, format: revision.format, attachments });
      scan = await this.store(revision, result);
    }
    const verdict = scan.verdict;
    const hitCounts = countBy(scan.hits.map((h) => h.category));
    try {
      return await inTransaction(this.em, async (tx) => {
        const item = await tx.em.findOne(Item, { id: itemId });
        if (!item || item.revision !== revisionNumber || item.state !== 'scanning') return 'skipped';
        const to = verdict === 'block' ? 'blocked' : 'awaiting_filler';
        await this.transitions.move(tx, item, to, 'system', { verdict, hitCounts });
        return to;
      });
    } catch (error) {
      // Someone else finished this scan at the same moment: their transition stands.
      if (error instanceof OptimisticLockError) return 'skipped';
      throw error;
    }
  }

  /**
   * A draft and its attachments scanned without storing anything. Each attachment's parts are returned up to the
   * same cap as a stored scan keeps; `partsCapped` says when that cut something.
   */
  async scanDraft(dto: ScanDraftDto, files: ReceivedFile[] | undefined) {
    assertBodySize(dto.body);
    const uploads = this.attachments.uploads(dto.attachments, files);
    const documents = uploads.length > 0 ? await this.extractor.extractDraft(uploads) : [];
    const result = await this.scanner.scan({
      title: dto.title, body: dto.body, format: dto.format ?? 'text',
      attachments: uploads.map((u, i) => ({ filename: u.filename, document: documents[i] })),
    });
    const bounded = boundParts(result.attachments ?? []);
    return {
      ...result,
      attachments: bounded.map(({ summary, parts }) => ({ filename: summary.filename, verdict: summary.verdict, coverage: summary.coverage, parts, partsCapped: summary.partsCapped })),
    };
  }

  /** One file at a time, each in its own bounded process: only one attachment's bytes are held here at once. */
  private async extractAttachments(em: EntityManager, revision: Revision): Promise<Array<{ filename: string; document: ExtractedDocument }>> {
    const attachments = await this.attachments.listForRevision(em, revision.id);
    const documents = await this.extractor.extractAll(attachments.map((a) => ({ filename: a.filename, read: () => this.attachments.read(em, a.sha256) })));
    return attachments.map((a, k) => ({ filename: a.filename, document: documents[k] }));
  }

  /** The scan and the text of its attachments' parts in one transaction, so a stored scan is never without its parts. */
  private async store(revision: Revision, result: ScanResult): Promise<Scan> {
    const stored = boundParts(result.attachments ?? []);
    try {
      return await inTransaction(this.em, async ({ em }) => {
        const scan = em.create(Scan, {
          revision: em.getReference(Revision, revision.id), verdict: result.verdict, hits: result.hits, keywords: result.keywords,
          attachments: stored.map((s) => s.summary),
          lexiconVersion: result.lexiconVersion, rulesVersion: result.rulesVersion, durationMs: Math.round(result.durationMs),
        });
        await em.flush();
        const rows = stored.flatMap((s, attachmentIndex) =>
          s.parts.map((part, partIndex) => ({ id: randomUUID(), scan: scan.id, attachmentIndex, partIndex, location: part.location, text: part.text })),
        );
        for (let at = 0; at < rows.length; at += PART_BATCH) await em.insertMany(ScanPart, rows.slice(at, at + PART_BATCH));
        return scan;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return this.em.fork().findOneOrFail(Scan, { revision: revision.id });
    }
  }
}

export function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
