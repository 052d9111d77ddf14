import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { clientMaySubmitFor, DomainError } from '@clearance/workflow';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ReceivedFile } from '../attachments/attachment-upload';
import { AttachmentsService } from '../attachments/attachments.service';
import { assertCallbackUrlReachable } from '../auth/callback-origins';
import { ApiClient } from '../auth/entities/api-client.entity';
import { ClientUnit } from '../auth/client-units';
import { clientUpdateHint } from '../auth/operator-hint';
import { Unit } from '../auth/entities/unit.entity';
import { auditActor, ClientPrincipal, Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { OutboundPolicy } from '../publishing/outbound/outbound-policy';
import { inTransaction } from '../database/transaction';
import { QUEUES, scanJobId } from '../queue/queues';
import { contentHash } from './content-hash';
import { SubmitItemDto } from './dto/submit-item.dto';
import { Item } from './entities/item.entity';
import { Revision } from './entities/revision.entity';
import { ItemTransitions } from './item-transitions.service';
import { isPostgres, SqlCondition } from '../database/raw-sql';
import { insertNewItem, NewItem } from './new-item';
import { AttachmentPartsView, ItemView, ItemViewService } from './item-view.service';

const logger = new Logger('items');

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Bodies are limited in bytes of UTF-8, the size a CMS would see, with a 413 that names the field. */
export function assertBodySize(body: string): void {
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw new DomainError('too_large', `body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
}

/**
 * What the DTO's types cannot say: a title or body of only whitespace would scan `pass` with nothing to review,
 * and a channel named twice is a CMS's mistake, not a wish to publish twice.
 */
export function assertSubmittable(dto: Pick<SubmitItemDto, 'title' | 'body' | 'channels'>): void {
  for (const field of ['title', 'body'] as const) {
    if (dto[field].trim() === '') throw new DomainError('unprocessable', `${field} must not be blank: it holds only whitespace`, field);
  }
  const twice = dto.channels.filter((channel, i) => dto.channels.indexOf(channel) !== i);
  if (twice.length) throw new DomainError('unprocessable', `channels names ${[...new Set(twice)].join(', ')} more than once`, 'channels');
}

export interface SubmitResult {
  created: boolean;
  id: string;
  state: string;
  revision: number;
  contentHash: string;
}

/** The rule for the channels a submission names; the publishing module provides the real one (PublishingHooks). */
export interface ChannelCheck {
  /** The names among `channels` that items of the unit may not be released to. */
  unknown(channels: string[], unitId: string): Promise<string[]>;
  /** The same rule as one SQL condition, true when `unknown` would return none, for a statement that checks as it inserts. */
  noneUnknownSql(channels: string[], unitId: string): SqlCondition;
}

@Injectable()
export class ItemsService {
  private channelCheck: ChannelCheck = { unknown: async () => [], noneUnknownSql: () => ({ text: 'true', params: [] }) };

  constructor(
    private readonly em: EntityManager,
    private readonly transitions: ItemTransitions,
    private readonly audit: AuditService,
    private readonly views: ItemViewService,
    private readonly attachments: AttachmentsService,
    @InjectQueue(QUEUES.scan) private readonly scanQueue: Queue,
    @InjectQueue(QUEUES.extract) private readonly extractQueue: Queue,
    private readonly outbound: OutboundPolicy,
  ) {}

  useChannelCheck(check: ChannelCheck): void {
    this.channelCheck = check;
  }

  /**
   * Same externalId and content: the same item, nothing new. New content: a new revision that
   * starts the review again; earlier decisions stay on the record but do not carry over. Attachments come from
   * the file parts of a multipart request, or else from the JSON `attachments`.
   */
  async submit(client: ClientPrincipal, dto: SubmitItemDto, files?: ReceivedFile[]): Promise<SubmitResult> {
    assertBodySize(dto.body);
    assertSubmittable(dto);
    // As the request's authentication read them: the operator's change of a client's units or origins applies to the next request.
    const units = client.units;
    const unit = units.find((u) => u.code === dto.unit) ?? (await this.refuseUnit(this.em.fork(), client, units, dto.unit));
    if (dto.callbackUrl !== undefined) await assertCallbackUrlReachable(await this.em.fork().findOneOrFail(ApiClient, { id: client.clientId }), dto.callbackUrl, this.outbound);
    const channels = dto.channels;
    // On PostgreSQL the statement that inserts a new item of text checks its channels too (insertNewItem), saving
    // a round trip on every submission; everything else is checked here, before anything is written.
    const checkedOnInsert = isPostgres(this.em) && !this.attachments.carriesFiles(dto.attachments, files);
    if (!checkedOnInsert) await this.refuseUnknownChannels(channels, unit.id);
    const uploads = this.attachments.uploads(dto.attachments, files);
    const hash = contentHash({ title: dto.title, body: dto.body, format: dto.format, attachments: uploads });
    const actor = auditActor(client);
    const submitted = { revision: 1, contentHash: hash, externalId: dto.externalId, unit: unit.code };

    if (uploads.length === 0) {
      const id = randomUUID();
      const at = new Date();
      const item: NewItem = {
        id, revisionId: randomUUID(), clientId: client.clientId, externalId: dto.externalId, unitId: unit.id, channels, author: dto.author ? { ...dto.author } : null,
        callbackUrl: dto.callbackUrl ?? null, title: dto.title, body: dto.body, format: dto.format, contentHash: hash, at,
      };
      const first = this.audit.firstEventOfItem({ actor, action: 'item.submitted', itemId: id, toState: 'submitted', data: submitted, at }, { contentHash: hash, attachmentCount: 0 });
      const inserted = await insertNewItem(this.em, item, first, checkedOnInsert ? this.channelCheck.noneUnknownSql(channels, unit.id) : undefined);
      if (inserted === 'inserted') {
        // As after any commit: a job that could not be queued is the reconciler's to queue (it walks submitted items).
        await this.enqueueScan(id, 1, 0).catch((error: Error) => logger.warn(`scan job for item ${id} not queued (the reconciler will queue it): ${error.message}`));
        return { created: true, id, state: 'submitted', revision: 1, contentHash: hash };
      }
    }
    // A new revision of an existing item, or channels the insert refused (named here, or found fine after all by now).
    if (checkedOnInsert) await this.refuseUnknownChannels(channels, unit.id);

    // Two identical submissions racing both try to insert; the loser runs again and finds the winner's item.
    return inTransaction(
      this.em,
      async (tx) => {
        const { em } = tx;
        // A reference, not the entity loaded above: merging an entity from another fork makes it look dirty.
        const unitRef = em.getReference(Unit, unit.id);
        // The item row first, alone (see inTransaction for the lock order).
        let item = await em.findOne(Item, { client: client.clientId, externalId: dto.externalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (item) {
          // A unit answers for its items' whole history: moving one would show another unit's reviewers the first one's decisions.
          if (item.unit.id !== unit.id) {
            throw new DomainError('conflict', `item ${dto.externalId} was submitted for another unit: an item stays in its unit across revisions; for unit ${unit.code}, submit a new item (another externalId)`, 'unit');
          }
          const current = await em.findOneOrFail(Revision, { item, number: item.revision });
          if (current.contentHash === hash) {
            return { created: false, id: item.id, state: item.state, revision: item.revision, contentHash: hash };
          }
          item.revision += 1;
          Object.assign(item, { channels, author: dto.author ? { ...dto.author } : null, callbackUrl: dto.callbackUrl ?? null, referredFrom: null });
          await this.transitions.move(tx, item, 'submitted', actor, { reason: 'new revision', contentHash: hash });
        } else {
          item = em.create(Item, {
            client: client.clientId, externalId: dto.externalId, unit: unitRef, channels, author: dto.author ? { ...dto.author } : undefined,
            callbackUrl: dto.callbackUrl, state: "submitted",
          });
          await this.audit.append(em, { actor, action: 'item.submitted', itemId: item.id, toState: 'submitted', data: submitted });
        }
        const created = em.create(Revision, { item, number: item.revision, title: dto.title, body: dto.body, format: dto.format, contentHash: hash });
        // The bytes and their rows commit with the revision, or not at all.
        await this.attachments.store(em, created, uploads);
        await em.flush();
        const revision = item.revision;
        const itemId = item.id;
        tx.afterCommit(() => this.enqueueScan(itemId, revision, uploads.length));
        return { created: true, id: item.id, state: item.state, revision, contentHash: hash };
      },
      { retryOn: (e) => e instanceof UniqueConstraintViolationException },
    );
  }

  /** Why the client may not submit for `code`: the unit does not exist, or the operator has not registered the client for it. */
  /** 422 naming the channels items of the unit may not be released to. Another unit's are reported as unknown: a CMS learns nothing of what other units have. */
  private async refuseUnknownChannels(channels: string[], unitId: string): Promise<void> {
    const unknown = await this.channelCheck.unknown(channels, unitId);
    if (unknown.length) throw new DomainError('unprocessable', `unknown channel(s): ${unknown.join(', ')}`, 'channels');
  }

  private async refuseUnit(em: EntityManager, client: ClientPrincipal, units: ClientUnit[], code: string): Promise<never> {
    const unit = await em.findOne(Unit, { code });
    if (!unit) throw new DomainError('unprocessable', `unit "${code}" does not exist`, 'unit');
    if (!clientMaySubmitFor({ unitIds: units.map((u) => u.id) }, unit.id)) {
      throw new DomainError('forbidden', `API client ${client.name} is not registered for unit ${unit.code}; ${clientUpdateHint(client.name, '--unit', unit.code)}`, 'unit');
    }
    throw new Error(`unit ${code} is among the client's units yet was not found among them`);
  }

  /** On `extract` when the revision has attachments, else on `scan`; the job id is the same either way. */
  enqueueScan(itemId: string, revision: number, attachmentCount: number) {
    const queue = attachmentCount > 0 ? this.extractQueue : this.scanQueue;
    return queue.add('scan-revision', { itemId, revision }, { jobId: scanJobId(itemId, revision) });
  }

  async view(principal: Principal, id: string): Promise<ItemView> {
    return this.views.load(principal, id);
  }

  attachmentParts(principal: Principal, id: string, index: number): Promise<AttachmentPartsView> {
    return this.views.attachmentParts(principal, id, index);
  }
}
