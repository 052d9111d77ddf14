import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import type { ExtractedDocument } from '@clearance/documents';
import type { Format, ScanResult } from '@clearance/scanner';
import { randomUUID } from 'node:crypto';
import { AttachmentExtractor } from '../attachments/attachment-extractor';
import type { ReceivedFile } from '../attachments/attachment-upload';
import { AttachmentsService } from '../attachments/attachments.service';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import { boundParts } from '../attachments/stored-parts';
import { ScanDraftDto } from '../items/dto/scan-draft.dto';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { HitSummary, summarizeHits } from '../items/hit-groups';
import { ItemTransitions } from '../items/item-transitions.service';
import { assertBodySize } from '../items/items.service';
import { inPlainTransaction, inTransaction, lockItem } from '../database/transaction';
import { sql } from '../database/raw-sql';
import { countBy } from '../common/count-by';
import { ScanVerdicts } from './scan-verdict';
import { ScannerService } from './scanner.service';

export type ScanOutcome = 'skipped' | 'blocked' | 'awaiting_filler';

/**
 * A draft's text is scanned in the api process, on its event loop: this keeps one draft to tens of milliseconds
 * however dense its hits. A larger text is submitted as an item, which the worker role scans.
 */
export const DRAFT_MAX_BODY_BYTES = 256 * 1024;

function assertDraftSize(body: string): void {
  if (Buffer.byteLength(body, 'utf8') > DRAFT_MAX_BODY_BYTES) {
    throw new DomainError('too_large', `body of a draft scan is larger than ${DRAFT_MAX_BODY_BYTES} bytes: submit it as an item to have it scanned in the worker`, 'body');
  }
}

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
    private readonly verdicts: ScanVerdicts,
  ) {}

  /**
   * Text alone is scanned before any lock, and its item moved through `scanning` to the verdict's state in one
   * transaction: the audit trail records both moves as before, without a transaction and a round of the item's
   * lock for a state that lasted milliseconds. Attachments take seconds to read, so the item is marked `scanning`
   * in a transaction of its own first, and shows so meanwhile.
   */
  async scanRevision(itemId: string, revisionNumber: number): Promise<ScanOutcome> {
    const em = this.em.fork();
    // Plain statements: these reads run for every item, and nothing here is written back.
    const revision = await readRevision(em, itemId, revisionNumber);
    if (!revision || !awaitsScan(revision.item, revisionNumber)) return 'skipped';
    if (revision.attachmentCount > 0 && !(await this.markScanning(itemId, revisionNumber))) return 'skipped';
    // A scan stored apart from its transition (as earlier versions did, and a crash could leave) is reused, not redone.
    const scanned = revision.scanId ? await em.findOneOrFail(Scan, { id: revision.scanId }) : await this.scanContent(em, revision);
    // Made before the transaction: hashing tens of thousands of hits' ids need not hold the item's lock.
    const ready = scanned instanceof Scan ? scanned : { result: scanned, summary: summarizeHits(scanned.hits) };
    // The common case, text that goes on to 初审, is written with plain statements (scan-verdict.ts); the rest moves through ItemTransitions.
    const plain = !(ready instanceof Scan) && revision.attachmentCount === 0 && ready.result.verdict !== 'block' ? ready : null;
    if (plain) {
      // null: the item's chain has no head yet, and nothing was written; the general path below takes it.
      const outcome = await inPlainTransaction(this.em, (tx) => this.verdicts.toFiller(tx, itemId, revisionNumber, revision.id, plain));
      if (outcome) return outcome;
    }
    return inTransaction(this.em, async (tx) => {
      const item = await lockItem(tx.em, itemId);
      // Another run finished this scan first, or the item moved on (withdrawn, a newer revision): its state stands and this result is dropped.
      if (!item || !awaitsScan(item, revisionNumber)) return 'skipped';
      if (item.state === 'submitted') await this.transitions.move(tx, item, 'scanning', 'system');
      const scan = ready instanceof Scan ? ready : await this.store(tx.em, revision.id, ready.result, ready.summary);
      const verdict = scan.verdict;
      const to = verdict === 'block' ? 'blocked' : 'awaiting_filler';
      await this.transitions.move(tx, item, to, 'system', { verdict, hitCounts: countBy(scan.hits.map((h) => h.category)) });
      return to;
    });
  }

  /** Moves the item to `scanning` unless another run did, or it moved on; false then. */
  private markScanning(itemId: string, revisionNumber: number): Promise<boolean> {
    return inTransaction(this.em, async (tx) => {
      const item = await lockItem(tx.em, itemId);
      if (!item || !awaitsScan(item, revisionNumber)) return false;
      if (item.state === 'submitted') await this.transitions.move(tx, item, 'scanning', 'system');
      return true;
    });
  }

  private async scanContent(em: EntityManager, revision: RevisionToScan): Promise<ScanResult> {
    const attachments = revision.attachmentCount > 0 ? await this.extractAttachments(em, revision) : [];
    return this.scanner.scanAt(revision.lexiconRevision, { title: revision.title, body: revision.body, format: revision.format, attachments });
  }

  /**
   * A draft and its attachments scanned without storing anything. Each attachment's parts are returned up to the
   * same cap as a stored scan keeps; `partsCapped` says when that cut something.
   */
  async scanDraft(dto: ScanDraftDto, files: ReceivedFile[] | undefined) {
    assertBodySize(dto.body);
    assertDraftSize(dto.body);
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
  private async extractAttachments(em: EntityManager, revision: RevisionToScan): Promise<Array<{ filename: string; document: ExtractedDocument }>> {
    const attachments = await this.attachments.listForRevision(em, revision.id);
    const documents = await this.extractor.extractAll(attachments.map((a) => ({ filename: a.filename, read: () => this.attachments.read(em, a.sha256) })));
    return attachments.map((a, k) => ({ filename: a.filename, document: documents[k] }));
  }

  /** The scan and the text of its attachments' parts, in the transaction that moves the item on: a stored scan is never without its parts. */
  private async store(em: EntityManager, revisionId: string, result: ScanResult, hitSummary: HitSummary): Promise<Scan> {
    const stored = boundParts(result.attachments ?? []);
    const scan = em.create(Scan, {
      revision: em.getReference(Revision, revisionId), verdict: result.verdict, hits: result.hits, hitSummary, keywords: result.keywords,
      attachments: stored.map((s) => s.summary),
      lexiconVersion: result.lexiconVersion, rulesVersion: result.rulesVersion, durationMs: Math.round(result.durationMs),
    });
    const rows = stored.flatMap((s, attachmentIndex) =>
      s.parts.map((part, partIndex) => ({ id: randomUUID(), scan: scan.id, attachmentIndex, partIndex, location: part.location, text: part.text })),
    );
    // The parts refer to the scan row, which must be in first; without parts it is inserted with the transition's flush.
    if (rows.length > 0) await em.flush();
    for (let at = 0; at < rows.length; at += PART_BATCH) await em.insertMany(ScanPart, rows.slice(at, at + PART_BATCH));
    return scan;
  }
}

/** Whether the item still waits for the scan of this revision. */
function awaitsScan(item: { state: string; revision: number }, revisionNumber: number): boolean {
  return item.revision === revisionNumber && (item.state === 'submitted' || item.state === 'scanning');
}

interface RevisionToScan {
  id: string;
  title: string;
  body: string;
  format: Format;
  attachmentCount: number;
  /** The scan stored for it already, if any. */
  scanId: string | null;
  /** The item's state and current revision when read (unlocked: checked again under the lock). */
  item: { state: string; revision: number };
  /** The lexicon's revision when read, which the scan uses (see ScannerService). */
  lexiconRevision: number;
}

async function readRevision(em: EntityManager, itemId: string, number: number): Promise<RevisionToScan | null> {
  const [row] = await sql<{
    id: string; title: string; body: string; format: Format; attachment_count: number | string; scan_id: string | null; state: string; current: number | string;
    lexicon_revision: number | string;
  }>(
    em,
    `select r.id, r.title, r.body, r.format, r.attachment_count, s.id as scan_id, i.state, i.revision as current,
            (select revision from lexicon_revision where id = 1) as lexicon_revision
       from revisions r join items i on i.id = r.item_id left join scans s on s.revision_id = r.id where r.item_id = ? and r.number = ?`,
    [itemId, number],
  );
  if (!row) return null;
  return {
    id: row.id, title: row.title, body: row.body, format: row.format, attachmentCount: Number(row.attachment_count), scanId: row.scan_id,
    item: { state: row.state, revision: Number(row.current) }, lexiconRevision: Number(row.lexicon_revision),
  };
}
