import { EntityManager, LockMode } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ItemState } from '@clearance/workflow';
import { createHash } from 'node:crypto';
import { auditActor, UserPrincipal } from '../../auth/principal';
import { AuditService } from '../../audit/audit.service';
import { inTransaction } from '../../database/transaction';
import { Item } from '../../items/entities/item.entity';
import { Revision } from '../../items/entities/revision.entity';
import { ItemViewService } from '../../items/item-view.service';
import { checkAttachmentLink, parseAttachmentLink } from '../../publishing/attachment-links';
import { Channel } from '../../publishing/entities/channel.entity';
import { Delivery } from '../../publishing/entities/delivery.entity';
import { AttachmentsService } from '../attachments.service';
import { revisionContentHash } from '../revision-content-hash';
import type { RevisionAttachment } from '../entities/revision-attachment.entity';
import type { AttachmentFile } from './attachment-response';

/** A channel link as it arrived: the path parameters and the query, unparsed. */
export interface ChannelLinkRequest {
  deliveryId: string;
  index: string;
  item?: string;
  revision?: string;
  expires?: string;
  signature?: string;
}

/** While the released revision is out there; recalled, withdrawn or superseded, its links are gone. */
const RELEASED: readonly ItemState[] = ['publishing', 'published'];

/** 410 once the released revision is recalled, withdrawn or superseded: the link was genuine, and will never work again. */
function assertStillReleased(item: Item, revision: number): void {
  if (RELEASED.includes(item.state) && item.revision === revision) return;
  // HttpException until ErrorKind has a 'gone' kind (asked for): the filter answers it with the same JSON body.
  throw new DomainError('gone', `item ${item.id} revision ${revision} is no longer released (the item is ${item.state} at revision ${item.revision}): its attachments were taken down`);
}

/** One message for every link that does not verify, so a prober learns nothing about which part was wrong. */
const REFUSED = 'this download link is not valid for any channel: it was altered or signed by someone else';

/**
 * Serves attachments byte for byte as approved: to a channel through the signed link in its release,
 * and to the reviewers of the item's unit. Every download is written to the audit trail before a byte leaves.
 */
@Injectable()
export class AttachmentDownloadsService {
  private readonly logger = new Logger(AttachmentDownloadsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
    private readonly views: ItemViewService,
  ) {}

  /**
   * `recorded` is false for a HEAD request: every check runs, the bytes are verified, and no download is put on the
   * record, since none was made.
   */
  async forChannel(link: ChannelLinkRequest, recorded = true, now = new Date()): Promise<AttachmentFile> {
    const claims = parseAttachmentLink(link);
    if (!claims) throw new DomainError('forbidden', REFUSED);
    const em = this.em.fork();
    const delivery = await em.findOne(Delivery, { id: claims.deliveryId, kind: 'release' });
    if (!delivery || delivery.item.id !== claims.itemId || delivery.revision !== claims.revision) throw new DomainError('forbidden', REFUSED);
    const channel = await em.findOne(Channel, { name: delivery.channel! });
    if (!channel) throw new DomainError('forbidden', REFUSED);
    const check = checkAttachmentLink(channel.secrets, claims, link.signature, now);
    if (check === 'bad-signature') throw new DomainError('forbidden', REFUSED);
    if (check === 'expired') throw new DomainError('forbidden', `this download link expired at ${new Date(claims.expires * 1000).toISOString()}`);
    if (!channel.active) throw new DomainError('forbidden', `channel ${channel.name} is deactivated: its download links no longer work`);

    // Checked now so a recalled item's bytes are not even read, and again under the lock before the download counts.
    assertStillReleased(await em.findOneOrFail(Item, { id: claims.itemId }), claims.revision);
    const revision = await em.findOneOrFail(Revision, { item: claims.itemId, number: claims.revision }, { populate: ['body'] });
    if (revision.contentHash !== delivery.contentHash || (await revisionContentHash(em, revision)) !== delivery.contentHash) {
      this.logger.error(`revision ${claims.revision} of item ${claims.itemId} no longer has the approved content hash ${delivery.contentHash}: attachment not served`);
      throw new Error(`revision ${claims.revision} of item ${claims.itemId} does not match the content hash it was released with`);
    }
    const attachment = await this.attachmentAt(em, revision, claims.index);
    const file = await this.bytesOf(em, attachment);
    if (!recorded) return file;
    await inTransaction(this.em, async ({ em: tx }) => {
      // Shared lock on the item, taken before the audit head as a recall takes them: a recall that commits first is seen here.
      const item = await tx.findOneOrFail(Item, { id: claims.itemId }, { lockMode: LockMode.PESSIMISTIC_READ, refresh: true });
      assertStillReleased(item, claims.revision);
      await this.audit.append(tx, {
        actor: `channel:${channel.name}`,
        action: 'attachment.downloaded',
        itemId: item.id,
        data: { channel: channel.name, deliveryId: delivery.id, revision: claims.revision, index: claims.index, filename: attachment.filename, sha256: attachment.sha256, size: attachment.size },
      });
    });
    return file;
  }

  /** The same reach as the item view: another unit's reviewer hears "not found", as for an item that does not exist. */
  async forReviewer(user: UserPrincipal, itemId: string, revisionNumber: number, index: number, recorded = true): Promise<AttachmentFile> {
    const em = this.em.fork();
    const item = await this.views.loadVisible(user, itemId, em);
    const revision = await em.findOne(Revision, { item, number: revisionNumber });
    if (!revision) throw new DomainError('not_found', `item ${itemId} has no revision ${revisionNumber}`);
    const attachment = await this.attachmentAt(em, revision, index);
    const file = await this.bytesOf(em, attachment);
    if (!recorded) return file;
    await inTransaction(this.em, ({ em: tx }) =>
      this.audit.append(tx, {
        actor: auditActor(user),
        action: 'attachment.downloaded',
        itemId: item.id,
        data: { user: user.username, revision: revision.number, index, filename: attachment.filename, sha256: attachment.sha256, size: attachment.size },
      }),
    );
    return file;
  }

  private async attachmentAt(em: EntityManager, revision: Revision, index: number): Promise<RevisionAttachment> {
    const attachment = (await this.attachments.listForRevision(em, revision.id)).find((a) => a.position === index);
    if (!attachment) throw new DomainError('not_found', `revision ${revision.number} has no attachment ${index}`);
    return attachment;
  }

  /** The stored bytes, refused (500, logged) unless they still hash to the address the reviewers approved. */
  private async bytesOf(em: EntityManager, attachment: RevisionAttachment): Promise<AttachmentFile> {
    const data = await this.attachments.read(em, attachment.sha256);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== attachment.sha256 || data.length !== attachment.size) {
      this.logger.error(`blob ${attachment.sha256} reads back as ${actual} (${data.length} bytes): not served`);
      throw new Error(`attachment ${attachment.position} of revision ${attachment.revision.id} does not match its content address`);
    }
    return { filename: attachment.filename, sha256: attachment.sha256, data };
  }
}
