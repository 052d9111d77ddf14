import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { NotificationAudience, NotificationKind } from '../notification-request';

/** What a digest sends besides the item events; a digest names no item. */
export type DigestKind = 'digest_daily' | 'digest_weekly';
export type StoredNotificationKind = NotificationKind | DigestKind;

export const NOTIFICATION_STATUSES = ['pending', 'expanded'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Our own words (`t`) or text someone submitted (`u`: a title, a reason), which every sender escapes for its format. */
export type Segment = { t: string } | { u: string };

/** The rendered text of a notification, fixed when it is expanded so every recipient reads the same words. */
export interface NotificationContent {
  /** One line: the mail subject and the robot card's title. */
  subject: Segment[];
  /** Paragraphs. */
  lines: Segment[][];
  /** The item page (or the queue, for a digest), and the words of the link. */
  link: string;
  linkText: string;
}

/**
 * The outbox: one row per event to tell, written in the transaction of the change. `dedupeKey` is unique, so
 * the same event queued twice is one row. A worker expands it to one NotificationMessage per recipient.
 */
@Entity({ tableName: 'notifications' })
@Index({ properties: ['status', 'createdAt'] })
export class Notification {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @Property({ type: 'string', length: 32 })
  kind!: StoredNotificationKind;

  @Property({ type: 'string', length: 200, unique: true })
  dedupeKey!: string;

  /** Null for a digest. */
  @Property({ type: 'string', length: 36, nullable: true })
  itemId?: string | null;

  @Property({ type: 'string', length: 36 })
  unitId!: string;

  @Property({ type: 'json' })
  audience!: NotificationAudience;

  @Property({ type: 'json', nullable: true })
  detail?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 16 })
  status: Opt<NotificationStatus> = 'pending';

  @Property({ type: 'json', nullable: true })
  content?: NotificationContent | null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  expandedAt?: Date | null;
}
