import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Notification } from './notification.entity';

export const MESSAGE_TRANSPORTS = ['email', 'robot'] as const;
export type MessageTransport = (typeof MESSAGE_TRANSPORTS)[number];

/**
 * pending: to send (at nextAttemptAt); sending: claimed by a worker until leaseUntil (a lease that runs out is
 * pending again); sent; failed: every attempt used, or the recipient cannot be reached (logged); cancelled: the
 * item moved on before it went out, so the reminder would be wrong.
 */
export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** One notification to one recipient over one transport: a user's mailbox or a unit's group robot. */
@Entity({ tableName: 'notification_messages' })
@Unique({ properties: ['notification', 'transport', 'recipient'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class NotificationMessage {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Notification)
  notification!: Notification;

  @Property({ type: 'string', length: 16 })
  transport!: MessageTransport;

  /** A user id (e-mail) or a unit robot id. */
  @Property({ type: 'string', length: 36 })
  recipient!: string;

  /** The mailbox, fixed at expansion (null for a robot: its URL and secret are read at send time). */
  @Property({ type: 'string', length: 320, nullable: true })
  address?: string | null;

  @Property({ type: 'string', length: 16 })
  status: Opt<MessageStatus> = 'pending';

  @Property({ type: 'integer' })
  attemptCount: Opt<number> = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
