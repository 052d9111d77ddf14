import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { Item } from '../items/entities/item.entity';
import { backoffDelayMs } from '../publishing/retry-policy';
import { NotificationMessage } from './entities/notification-message.entity';
import { Notification } from './entities/notification.entity';
import { UnitRobot } from './entities/unit-robot.entity';
import { MailTransport, SendOutcome } from './mail-transport';
import { mailBody, robotRequest } from './robot-payloads';
import { RobotTransport } from './robot-transport';

export type SendResult = { outcome: 'sent' | 'failed' | 'cancelled' | 'done' } | { outcome: 'retry' | 'leased'; retryAt: Date };

/** Item notices that only make sense while the item still waits where they say. */
const STILL_WAITING = new Set(['awaiting', 'returned', 'due_soon', 'overdue', 'escalated']);

/**
 * Sends one message at most once per lease:
 *  1. claim: one conditional UPDATE moves the row to `sending` with a lease (and counts the attempt) only if it is
 *     pending and due, or `sending` with a lease that ran out; a second worker's claim changes no row and backs off;
 *  2. send;
 *  3. mark `sent` (or pending again with a backoff, or `failed`).
 * The row is claimed before sending and marked after it: a crash between a server's acceptance and step 3 sends
 * that one message again once the lease runs out (at most one duplicate per message per crash; mails carry a
 * stable Message-ID for receivers that deduplicate). Marking before sending would instead lose the message on a
 * crash, and a review that nobody is told of is worse than one told twice.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailTransport,
    private readonly robots: RobotTransport,
  ) {}

  async attempt(messageId: string, now = new Date()): Promise<SendResult> {
    const em = this.em.fork();
    const message = await em.findOne(NotificationMessage, { id: messageId }, { populate: ['notification'] });
    if (!message || (message.status !== 'pending' && message.status !== 'sending')) return { outcome: 'done' };
    if (message.status === 'pending' && message.nextAttemptAt > now) return { outcome: 'retry', retryAt: message.nextAttemptAt };
    if (message.status === 'sending' && message.leaseUntil && message.leaseUntil > now) return { outcome: 'leased', retryAt: message.leaseUntil };

    const { leaseMs } = this.config.notifications;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const attempt = message.attemptCount + 1;
    const claimed = await em.nativeUpdate(
      NotificationMessage,
      { id: message.id, status: message.status, attemptCount: message.attemptCount },
      { status: 'sending', leaseUntil, attemptCount: attempt },
    );
    if (claimed !== 1) return { outcome: 'leased', retryAt: leaseUntil };

    const notification = message.notification;
    if (await this.isStale(em, notification)) {
      await em.nativeUpdate(NotificationMessage, { id: message.id }, { status: 'cancelled', leaseUntil: null, lastError: 'not sent: the item has moved on' });
      return { outcome: 'cancelled' };
    }
    const result = await this.send(em, message, notification);
    if (result.ok) {
      await em.nativeUpdate(NotificationMessage, { id: message.id }, { status: 'sent', leaseUntil: null, sentAt: new Date(), lastError: null });
      return { outcome: 'sent' };
    }
    const what = `notification ${notification.dedupeKey} to ${message.transport} ${message.recipient}`;
    if (result.final || attempt >= this.config.notifications.maxAttempts) {
      this.logger.warn(`${what} failed for good after ${attempt} attempt(s): ${result.error}`);
      await em.nativeUpdate(NotificationMessage, { id: message.id }, { status: 'failed', leaseUntil: null, lastError: result.error });
      return { outcome: 'failed' };
    }
    const retryAt = new Date(Date.now() + backoffDelayMs(attempt, this.config.notifications.backoffMs));
    this.logger.warn(`${what} attempt ${attempt} failed (${result.error}); next at ${retryAt.toISOString()}`);
    await em.nativeUpdate(NotificationMessage, { id: message.id }, { status: 'pending', leaseUntil: null, nextAttemptAt: retryAt, lastError: result.error });
    return { outcome: 'retry', retryAt };
  }

  /** A reminder about a level the item has left (or a revision it no longer has) is dropped, not sent. */
  private async isStale(em: EntityManager, notification: Notification): Promise<boolean> {
    if (!notification.itemId || !STILL_WAITING.has(notification.kind)) return false;
    const level = notification.detail?.level;
    if (notification.kind === 'returned' && notification.detail?.cause === 'rejected') return false;
    const item = await em.findOne(Item, { id: notification.itemId }, { fields: ['state', 'revision'] });
    if (!item) return true;
    const revision = notification.detail?.revision;
    if (typeof revision === 'number' && revision !== item.revision) return true;
    return typeof level === 'string' && item.state !== `awaiting_${level}` && item.state !== 'referred';
  }

  private async send(em: EntityManager, message: NotificationMessage, notification: Notification): Promise<SendOutcome> {
    const content = notification.content;
    if (!content) return { ok: false, final: true, error: 'the notification has no content' };
    if (message.transport === 'email') {
      if (!this.mail.enabled) return { ok: false, final: true, error: 'e-mail is off (no SMTP_URL)' };
      return this.mail.send(message.address!, mailBody(content), message.id, notification.kind);
    }
    const robot = await em.findOne(UnitRobot, { id: message.recipient });
    if (!robot || !robot.active) return { ok: false, final: true, error: 'the robot was removed' };
    return this.robots.send(robotRequest(robot.kind, robot.url, robot.secret, content));
  }
}
