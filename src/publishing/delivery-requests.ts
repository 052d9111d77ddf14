import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { LEVELS } from '@clearance/workflow';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { revisionContentHash } from '../attachments/revision-content-hash';
import { callbackTrust } from '../auth/callback-origins';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { Decision } from '../items/entities/decision.entity';
import { Revision } from '../items/entities/revision.entity';
import { attachmentLinkSettings, AttachmentLinkSettings } from './attachment-link-settings';
import { attachmentLinkUrl } from './attachment-links';
import { ReleasedAttachment, releasePayload } from './delivery-payloads';
import { Channel } from './entities/channel.entity';
import { Delivery } from './entities/delivery.entity';
import { OutboundTrust } from './outbound/outbound-policy';

/** What to send, or why nothing will be: `cancel` when the item moved on, `fail` when the target cannot be reached by retrying. */
export type DeliveryRequest =
  | { kind: 'send'; url: string; body: string; secrets: string[]; outbound: OutboundTrust }
  | { kind: 'cancel'; reason: string }
  | { kind: 'fail'; reason: string };

/** Resolves a delivery row (item, unit and client loaded) into the exact request, re-reading the item first. */
@Injectable()
export class DeliveryRequests {
  private readonly links: AttachmentLinkSettings;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.links = attachmentLinkSettings(config);
  }

  async build(em: EntityManager, delivery: Delivery, now = new Date()): Promise<DeliveryRequest> {
    const item = delivery.item;
    switch (delivery.kind) {
      case 'release': {
        if (item.state !== 'publishing' || item.revision !== delivery.revision) {
          return { kind: 'cancel', reason: `not sent: the item is ${item.state} at revision ${item.revision}, no longer publishing revision ${delivery.revision}` };
        }
        const revision = await em.findOneOrFail(Revision, { item, number: delivery.revision }, { populate: ['body'] });
        // Recomputed from the stored text and attachment rows, so an altered revision row is caught too, not only a new revision.
        if (revision.contentHash !== delivery.contentHash || (await revisionContentHash(em, revision)) !== delivery.contentHash) {
          return { kind: 'cancel', reason: 'not sent: the revision no longer has the approved content hash' };
        }
        const channel = await em.findOne(Channel, { name: delivery.channel! });
        if (!channel || !channel.active) return { kind: 'fail', reason: `not sent: channel ${delivery.channel} is ${channel ? 'deactivated' : 'not registered'}` };
        const decisions = await em.find(
          Decision,
          { item, revision: delivery.revision, decision: 'approve', level: { $in: [...LEVELS] } },
          { populate: ['user'], orderBy: { createdAt: 'asc' } },
        );
        const approvals = decisions.map((d) => ({ level: d.level, by: d.user.username, at: d.createdAt }));
        const attachments = this.released(delivery, channel, await em.getRepository(RevisionAttachment).forRevision(revision.id), now);
        return { kind: 'send', url: channel.url, secrets: channel.secrets, outbound: channelTrust(channel), body: JSON.stringify(releasePayload(item, revision, channel.name, approvals, attachments)) };
      }
      case 'recall': {
        // A recall goes out even to a channel deactivated since: it holds content that must come down.
        const channel = await em.findOne(Channel, { name: delivery.channel! });
        if (!channel) return { kind: 'fail', reason: `not sent: channel ${delivery.channel} is not registered` };
        return { kind: 'send', url: channel.url, secrets: channel.secrets, outbound: channelTrust(channel), body: JSON.stringify(delivery.payload) };
      }
      case 'callback': {
        if (!delivery.url) return { kind: 'fail', reason: 'not sent: the item has no callbackUrl' };
        // Checked again at send time: an operator who withdraws an origin stops the callbacks already queued to it.
        const trust = URL.canParse(delivery.url) ? callbackTrust(item.client.callbackOrigins, new URL(delivery.url)) : null;
        if (!trust) return { kind: 'fail', reason: `not sent: the origin of ${delivery.url} is no longer registered for API client ${item.client.name}` };
        return { kind: 'send', url: delivery.url, secrets: [item.client.callbackSecret], outbound: trust, body: JSON.stringify(delivery.payload) };
      }
      default: {
        const unknown: never = delivery.kind;
        throw new Error(`unknown delivery kind ${String(unknown)}`);
      }
    }
  }

  /** Each attachment with a fresh link, signed with the channel's newest secret and valid for the configured time from this attempt. */
  private released(delivery: Delivery, channel: Channel, attachments: RevisionAttachment[], now: Date): ReleasedAttachment[] {
    const expires = Math.floor(now.getTime() / 1000) + this.links.ttlSeconds;
    return attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      url: attachmentLinkUrl(this.links.baseUrl, channel.secrets[0], { deliveryId: delivery.id, itemId: delivery.item.id, revision: delivery.revision, index: a.position, expires }),
    }));
  }
}

/** The operator's channels are sent to as registered; a unit admin's are checked on every connection. */
function channelTrust(channel: Channel): OutboundTrust {
  return channel.trusted ? 'trusted' : 'checked';
}
