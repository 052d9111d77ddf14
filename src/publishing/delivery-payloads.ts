import type { ItemState } from '@clearance/workflow';
import type { Item } from '../items/entities/item.entity';
import type { Revision } from '../items/entities/revision.entity';
import type { Delivery, DeliveryKind } from './entities/delivery.entity';

/** The receiver's idempotency key: derived from the delivery row, so every attempt and every worker sends the same one. */
export const webhookIdOf = (delivery: Pick<Delivery, 'id'>): string => `msg_${delivery.id}`;

export interface Approval {
  level: string;
  by: string;
  at: Date;
}

/** One attachment as a channel gets it: what it is, its content address, and a download only that channel can use. */
export interface ReleasedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  url: string;
}

/** `item.released`: the approved revision, body byte for byte, its attachments in order, and who approved it at each level. */
export function releasePayload(item: Item, revision: Revision, channel: string, approvals: Approval[], attachments: ReleasedAttachment[]) {
  return {
    event: 'item.released',
    itemId: item.id,
    externalId: item.externalId,
    revision: revision.number,
    contentHash: revision.contentHash,
    title: revision.title,
    body: revision.body,
    format: revision.format,
    unit: item.unit.code,
    channel,
    attachments,
    approvals: approvals.map((a) => ({ level: a.level, by: a.by, at: a.at.toISOString() })),
  };
}

/**
 * `item.recalled` (撤稿) to a channel that accepted the release; `releaseId` is that release's webhook-id, and
 * `attachments` the content address of every file released with it, all of which must come down too.
 */
export function recallPayload(item: Item, release: Delivery, attachments: Array<{ filename: string; sha256: string }>, reason: string | null, at: Date) {
  return {
    event: 'item.recalled',
    itemId: item.id,
    externalId: item.externalId,
    revision: release.revision,
    contentHash: release.contentHash,
    unit: item.unit.code,
    channel: release.channel,
    releaseId: webhookIdOf(release),
    attachments: attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
    reason,
    recalledAt: at.toISOString(),
  };
}

/** `item.<state>` to the CMS's callbackUrl. */
export function callbackPayload(item: Item, state: ItemState, reasons?: string[]) {
  return {
    event: `item.${state}`,
    itemId: item.id,
    externalId: item.externalId,
    revision: item.revision,
    state,
    ...(reasons && reasons.length ? { reasons } : {}),
  };
}

/** What the CMS hears when a delivery fails for good; a callback that fails calls nobody back. */
export const FAILURE_EVENTS: Readonly<Record<DeliveryKind, string | null>> = { release: 'item.delivery_failed', recall: 'item.recall_failed', callback: null };

/** `item.delivery_failed` or `item.recall_failed` to the CMS's callbackUrl: which channel, after how many attempts, and why. */
export function failurePayload(event: string, item: Item, failed: Delivery) {
  return {
    event,
    itemId: item.id,
    externalId: item.externalId,
    revision: failed.revision,
    state: item.state,
    channel: failed.channel ?? null,
    deliveryId: failed.id,
    webhookId: webhookIdOf(failed),
    attempts: failed.attemptCount,
    lastStatusCode: failed.lastStatusCode ?? null,
    lastError: failed.lastError ?? null,
  };
}
