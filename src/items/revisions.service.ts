import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { diffText, DiffSegment, DomainError } from '@clearance/workflow';
import { extractText, type Verdict } from '@clearance/scanner';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import type { Principal } from '../auth/principal';
import { Decision } from './entities/decision.entity';
import { HitDisposition } from './entities/hit-disposition.entity';
import { Item } from './entities/item.entity';
import { Revision } from './entities/revision.entity';
import { Scan } from './entities/scan.entity';
import { hitIds, hitPage, HitView, HITS_PER_GROUP, withHitIds } from './hit-groups';
import { dispositionView, DispositionView, findScanForView, ItemViewService, nameOf, ScanView, scanView } from './item-view.service';

export interface RevisionSummary {
  number: number;
  title: string;
  format: string;
  contentHash: string;
  submittedAt: Date;
  attachments: number;
  verdict: Verdict | null;
  hitCount: number;
  current: boolean;
}

export interface RevisionView {
  number: number;
  title: string;
  body: string;
  format: string;
  plainText?: string;
  contentHash: string;
  submittedAt: Date;
  current: boolean;
  scan: ScanView | null;
  attachments: Array<{ index: number; filename: string; contentType: string; size: number; sha256: string }>;
  decisions: Array<{ level: string; decision: string; by: string; byName: string; at: Date; comment?: string | null; contentHash: string; dispositions: DispositionView[] }>;
}

/** Where a side's hits sit in a diffed text. */
type SideHit = Pick<HitView, 'id' | 'ruleId' | 'category' | 'severity' | 'start' | 'end' | 'text'>;

export interface FieldDiff {
  segments: DiffSegment[];
  fromHits: SideHit[];
  toHits: SideHit[];
}

export interface AttachmentDiff {
  filename: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  fromSha256?: string;
  toSha256?: string;
  /** The extracted text, diffed, when both sides were scanned and the text is small enough; else absent. */
  text?: FieldDiff;
  /** Why there is no text diff for a changed file. */
  textOmitted?: string;
}

export interface RevisionDiff {
  from: { number: number; contentHash: string; submittedAt: Date };
  to: { number: number; contentHash: string; submittedAt: Date };
  title: FieldDiff;
  body: FieldDiff;
  attachments: AttachmentDiff[];
}

/** Texts larger than this are shown as replaced rather than diffed character by character, and attachment text is not diffed. */
const MAX_ATTACHMENT_TEXT = 200_000;
/** At most this many hits of each side are marked in a diff. */
const MAX_SIDE_HITS = 2_000;

/** Earlier revisions of an item, a diff between any two, and paging through a rule's hits. */
@Injectable()
export class RevisionsService {
  constructor(private readonly em: EntityManager, private readonly views: ItemViewService) {}

  async list(principal: Principal, id: string): Promise<{ revisions: RevisionSummary[] }> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, id, em);
    const revisions = await em.find(Revision, { item }, { orderBy: { number: 'asc' } });
    const scans = revisions.length ? await em.find(Scan, { revision: { $in: revisions.map((r) => r.id) } }, { fields: ['revision', 'verdict', 'hitSummary'], disableIdentityMap: true }) : [];
    // Scans stored before summaries were: their hits are counted from the full column.
    const unsummarized = scans.filter((s) => !s.hitSummary).map((s) => s.id);
    const counted = unsummarized.length ? await em.find(Scan, { id: { $in: unsummarized } }, { fields: ['hits'], disableIdentityMap: true }) : [];
    const hitCountOf = new Map([...scans.filter((s) => s.hitSummary).map((s) => [s.id, s.hitSummary!.hitCount] as const), ...counted.map((s) => [s.id, s.hits.length] as const)]);
    const scanOf = new Map(scans.map((s) => [s.revision.id, s]));
    return {
      revisions: revisions.map((r) => {
        const scan = scanOf.get(r.id);
        return {
          number: r.number, title: r.title, format: r.format, contentHash: r.contentHash, submittedAt: r.createdAt, attachments: r.attachmentCount,
          verdict: scan?.verdict ?? null, hitCount: scan ? (hitCountOf.get(scan.id) ?? 0) : 0, current: r.number === item.revision,
        };
      }),
    };
  }

  async get(principal: Principal, id: string, number: number): Promise<RevisionView> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, id, em);
    const revision = await this.revision(em, item, number);
    const [scan, attachments, decisions, dispositions] = await Promise.all([
      findScanForView(em, revision),
      em.getRepository(RevisionAttachment).forRevision(revision.id),
      em.find(Decision, { item, revision: number }, { orderBy: { createdAt: 'asc' }, populate: ['user'] }),
      em.find(HitDisposition, { item, revision: number }, { orderBy: { createdAt: 'asc', position: 'asc' }, populate: ['user'] }),
    ]);
    return {
      number: revision.number,
      title: revision.title,
      body: revision.body,
      format: revision.format,
      ...(revision.format === 'html' ? { plainText: extractText(revision.body, 'html').text } : {}),
      contentHash: revision.contentHash,
      submittedAt: revision.createdAt,
      current: revision.number === item.revision,
      scan: scan && (await scanView(em, scan)),
      attachments: attachments.map((a) => ({ index: a.position, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
      decisions: decisions.map((d) => ({
        level: d.level, decision: d.decision, by: d.user.username, byName: nameOf(d.user), at: d.createdAt, comment: d.comment, contentHash: d.contentHash,
        dispositions: dispositions.filter((x) => x.decision.id === d.id).map(dispositionView),
      })),
    };
  }

  async diff(principal: Principal, id: string, fromNumber: number, toNumber: number): Promise<RevisionDiff> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, id, em);
    const [from, to] = [await this.revision(em, item, fromNumber, 'from'), await this.revision(em, item, toNumber, 'to')];
    const [fromScan, toScan, fromFiles, toFiles] = await Promise.all([
      em.findOne(Scan, { revision: from }),
      em.findOne(Scan, { revision: to }),
      em.getRepository(RevisionAttachment).forRevision(from.id),
      em.getRepository(RevisionAttachment).forRevision(to.id),
    ]);
    const fromHits = withHitIds(fromScan?.hits ?? []);
    const toHits = withHitIds(toScan?.hits ?? []);
    const field = (name: 'title' | 'body', a: string, b: string): FieldDiff => ({
      segments: diffText(a, b),
      fromHits: sideHits(fromHits.filter((h) => h.field === name)),
      toHits: sideHits(toHits.filter((h) => h.field === name)),
    });
    return {
      from: { number: from.number, contentHash: from.contentHash, submittedAt: from.createdAt },
      to: { number: to.number, contentHash: to.contentHash, submittedAt: to.createdAt },
      title: field('title', from.title, to.title),
      body: field('body', from.body, to.body),
      attachments: await this.attachmentDiffs(em, { files: fromFiles, scan: fromScan, hits: fromHits }, { files: toFiles, scan: toScan, hits: toHits }),
    };
  }

  async hits(principal: Principal, id: string, ruleId: string, offset = 0, limit = HITS_PER_GROUP, number?: number) {
    const em = this.em.fork();
    const item = await this.views.loadVisible(principal, id, em);
    const revision = await this.revision(em, item, number ?? item.revision, 'revision');
    const scan = await em.findOne(Scan, { revision }, { fields: ['hits'] });
    if (!scan) throw new DomainError('not_found', `revision ${revision.number} of item ${id} has not been scanned yet`);
    return { revision: revision.number, ...hitPage(scan.hits, hitIds(scan.hits), ruleId, offset, limit) };
  }

  private async revision(em: EntityManager, item: Item, number: number, field = ':number'): Promise<Revision> {
    const revision = await em.findOne(Revision, { item, number }, { populate: ['body'] });
    if (!revision) throw new DomainError('not_found', `item ${item.id} has no revision ${number}`, field);
    return revision;
  }

  /** Files paired by name; the text the scanner read from each side, diffed when both sides have it. */
  private async attachmentDiffs(em: EntityManager, a: Side, b: Side): Promise<AttachmentDiff[]> {
    const out: AttachmentDiff[] = [];
    const byName = new Map(b.files.map((f) => [f.filename, f]));
    const seen = new Set<string>();
    for (const file of a.files) {
      const other = byName.get(file.filename);
      seen.add(file.filename);
      if (!other) { out.push({ filename: file.filename, change: 'removed', fromSha256: file.sha256 }); continue; }
      if (other.sha256 === file.sha256) { out.push({ filename: file.filename, change: 'same', fromSha256: file.sha256, toSha256: other.sha256 }); continue; }
      const [left, right] = [await attachmentText(em, a, file.position), await attachmentText(em, b, other.position)];
      const entry: AttachmentDiff = { filename: file.filename, change: 'changed', fromSha256: file.sha256, toSha256: other.sha256 };
      if (!left || !right) entry.textOmitted = 'not scanned yet';
      else if (left.text.length + right.text.length > MAX_ATTACHMENT_TEXT) entry.textOmitted = 'too large to compare here';
      else entry.text = { segments: diffText(left.text, right.text), fromHits: sideHits(left.hits), toHits: sideHits(right.hits) };
      out.push(entry);
    }
    for (const file of b.files) if (!seen.has(file.filename)) out.push({ filename: file.filename, change: 'added', toSha256: file.sha256 });
    return out;
  }
}

interface Side { files: RevisionAttachment[]; scan: Scan | null; hits: HitView[] }

function sideHits(hits: HitView[]): SideHit[] {
  return hits.slice(0, MAX_SIDE_HITS).map((h) => ({ id: h.id, ruleId: h.ruleId, category: h.category, severity: h.severity, start: h.start, end: h.end, text: h.text }));
}

/** An attachment's stored parts joined with blank lines, and its hits moved to offsets in the joined text. */
async function attachmentText(em: EntityManager, side: Side, index: number): Promise<{ text: string; hits: HitView[] } | null> {
  if (!side.scan) return null;
  const parts = await em.getRepository(ScanPart).forAttachment(side.scan.id, index);
  const starts = new Map<number, number>();
  let text = '';
  for (const part of parts) {
    if (text) text += '\n\n';
    starts.set(part.partIndex, text.length);
    text += part.text;
  }
  const hits = side.hits
    .filter((h) => h.field === 'attachment' && h.attachment === index && h.partIndex !== undefined && starts.has(h.partIndex))
    .map((h) => ({ ...h, start: starts.get(h.partIndex!)! + h.start, end: starts.get(h.partIndex!)! + h.end }));
  return { text, hits };
}
