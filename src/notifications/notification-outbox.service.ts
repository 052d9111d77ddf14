import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { LEVELS } from '@clearance/workflow';
import { dateParam, sql } from '../database/raw-sql';
import { StoredNotificationKind } from './entities/notification.entity';
import { NotificationAudience, NotificationOutbox, NotificationRequest } from './notification-request';
import { NotificationWake } from './notification-wake';

const MAX_KEY = 200;

/** A request the outbox refuses: a programming error of the caller, never the user's input. */
export class NotificationRequestError extends Error {}

function checkAudience(audience: NotificationAudience): void {
  if ('level' in audience && (LEVELS as readonly string[]).includes(audience.level)) return;
  if ('role' in audience && audience.role === 'admin') return;
  if ('levels' in audience && Array.isArray(audience.levels) && audience.levels.every((l) => (LEVELS as readonly string[]).includes(l))) return;
  if ('userIds' in audience && Array.isArray(audience.userIds) && audience.userIds.every((id) => typeof id === 'string')) return;
  throw new NotificationRequestError(`unknown notification audience ${JSON.stringify(audience)}`);
}

/**
 * The outbox in the service's database. The row is inserted in the caller's transaction, and a dedupe key
 * already queued is left as it is (insert … on conflict do nothing), so queuing the same event again, in a
 * retried transaction or from another process, changes nothing and never aborts the caller's transaction.
 */
@Injectable()
export class DatabaseNotificationOutbox extends NotificationOutbox {
  constructor(private readonly wake: NotificationWake) {
    super();
  }

  async enqueue(em: EntityManager, request: NotificationRequest): Promise<void> {
    await this.insert(em, request.kind, request);
  }

  /** Digests are outbox rows too, with no item. */
  async enqueueDigest(em: EntityManager, kind: 'digest_daily' | 'digest_weekly', request: Omit<NotificationRequest, 'kind' | 'itemId'>): Promise<void> {
    await this.insert(em, kind, { ...request, itemId: null });
  }

  private async insert(em: EntityManager, kind: StoredNotificationKind, request: Omit<NotificationRequest, 'kind' | 'itemId'> & { itemId: string | null }): Promise<void> {
    // A plain statement: every move of an item to a level writes one, inside the caller's transaction.
    const { text, params } = this.insertStatement(em, kind, request);
    await sql(em, text, params);
    this.wake.soon();
  }

  /**
   * The outbox row's insert, for a caller that sends it within a statement of its own (scan/scan-verdict.ts) and
   * then calls `queued()`. The request is checked as `enqueue` checks it.
   */
  insertStatement(em: EntityManager, kind: StoredNotificationKind, request: Omit<NotificationRequest, 'kind' | 'itemId'> & { itemId: string | null }): { text: string; params: unknown[] } {
    if (!request.dedupeKey || request.dedupeKey.length > MAX_KEY) throw new NotificationRequestError(`a notification's dedupeKey must be 1 to ${MAX_KEY} characters`);
    checkAudience(request.audience);
    return {
      text: `insert into notifications (id, kind, dedupe_key, item_id, unit_id, audience, detail, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
       on conflict (dedupe_key) do nothing`,
      params: [crypto.randomUUID(), kind, request.dedupeKey, request.itemId, request.unitId, JSON.stringify(request.audience), request.detail ? JSON.stringify(request.detail) : null, dateParam(em, new Date())],
    };
  }

  /** A row was written with insertStatement: the notification worker of this process looks soon. */
  queued(): void {
    this.wake.soon();
  }
}
