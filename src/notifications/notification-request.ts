import type { EntityManager } from '@mikro-orm/core';
import type { Level } from '@clearance/workflow';

/** What a notification tells someone; each names an item and what is asked of whom. */
export type NotificationKind =
  | 'awaiting' // an item awaits this level
  | 'returned' // an item came back to this level (rejected, returned by the secrecy office, a new revision)
  | 'referred' // an item was referred to the secrecy office
  | 'blocked' // the scan found a secrecy marking: the secrecy office must look
  | 'delivery_failed' // a release or recall failed for good
  | 'due_soon' // half of a level's time has passed
  | 'overdue' // a level's due time has passed
  | 'escalated'; // overdue, told to the level's leader or the unit's admins

/** Who receives it, always within the item's unit. */
export type NotificationAudience = { level: Level } | { role: 'admin' } | { userIds: string[] } | { levels: Level[] };

export interface NotificationRequest {
  kind: NotificationKind;
  itemId: string;
  unitId: string;
  audience: NotificationAudience;
  /** The same key is queued once, ever: for example `overdue:<item>:<revision>:<level>`. */
  dedupeKey: string;
  /**
   * Kind-specific facts for the message, all JSON. The words read `level` (the level concerned), `revision` (a
   * reminder for a revision the item no longer has is dropped), `dueAt` (ISO), `escalatedTo` (a level or 'admin'),
   * `channel` and `deliveryKind` ('release' | 'recall') for delivery_failed, and `reason` (submitted text, escaped).
   */
  detail?: Record<string, unknown>;
}

/**
 * Notifications are written to an outbox inside the caller's transaction, so they are never lost with Redis
 * and never sent twice after a crash. Implemented by the notifications module.
 */
export abstract class NotificationOutbox {
  abstract enqueue(em: EntityManager, request: NotificationRequest): Promise<void>;
}
