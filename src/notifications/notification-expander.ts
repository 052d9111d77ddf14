import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Unit } from '../auth/entities/unit.entity';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { inTransaction } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { NotificationMessage } from './entities/notification-message.entity';
import { Notification, NotificationContent } from './entities/notification.entity';
import { NotificationRecipients } from './notification-recipients';
import { itemNoticeContent } from './notice-text';

/**
 * Turns one outbox row into its messages: the words (fixed now, so a retry sends the same text) and one
 * message per recipient, unique per (notification, transport, recipient), so expanding twice adds nothing.
 */
@Injectable()
export class NotificationExpander {
  private readonly logger = new Logger(NotificationExpander.name);

  constructor(private readonly em: EntityManager, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly recipients: NotificationRecipients) {}

  /** The ids of the notification's messages still to send. */
  async expand(notificationId: string): Promise<string[]> {
    return inTransaction(this.em, async ({ em }) => {
      const notification = await em.findOne(Notification, { id: notificationId });
      if (!notification) return [];
      if (notification.status === 'pending') await this.expandRow(em, notification);
      const pending = await em.find(NotificationMessage, { notification: notification.id, status: { $in: ['pending', 'sending'] } }, { fields: ['id'] });
      return pending.map((m) => m.id);
    });
  }

  private async expandRow(em: EntityManager, notification: Notification): Promise<void> {
    const content = await this.contentOf(em, notification);
    const to = await this.recipients.of(em, notification.unitId, notification.audience, notification.itemId ?? null);
    const mail = this.config.notifications.smtpUrl ? to.mail : [];
    const now = new Date();
    const rows = [
      ...mail.map((m) => ({ transport: 'email' as const, recipient: m.userId, address: m.email })),
      ...to.robots.map((id) => ({ transport: 'robot' as const, recipient: id, address: null })),
    ].map((r) => ({ id: randomUUID(), notification: notification.id, ...r, status: 'pending' as const, attemptCount: 0, nextAttemptAt: now, createdAt: now }));
    if (rows.length > 0) {
      await (em as unknown as SqlEntityManager).createQueryBuilder(NotificationMessage).insert(rows).onConflict(['notification', 'transport', 'recipient']).ignore().execute('run');
    }
    if (to.withoutAddress > 0) this.logger.log(`notification ${notification.dedupeKey}: ${to.withoutAddress} recipient(s) have no e-mail address (user:add --email)`);
    notification.content = content;
    notification.status = 'expanded';
    notification.expandedAt = now;
  }

  private async contentOf(em: EntityManager, notification: Notification): Promise<NotificationContent> {
    const stored = notification.detail?.content as NotificationContent | undefined;
    if (notification.kind === 'digest_daily' || notification.kind === 'digest_weekly') {
      if (!stored) throw new Error(`digest ${notification.dedupeKey} has no content`);
      return stored;
    }
    const unit = await em.findOneOrFail(Unit, { id: notification.unitId });
    const item = await em.findOneOrFail(Item, { id: notification.itemId! });
    const revisionNumber = typeof notification.detail?.revision === 'number' ? notification.detail.revision : item.revision;
    const revision = await em.findOne(Revision, { item: item.id, number: revisionNumber }, { fields: ['title'] });
    return itemNoticeContent({
      kind: notification.kind,
      item: { id: item.id, title: revision?.title ?? item.externalId, revision: revisionNumber },
      unitName: unit.name,
      detail: notification.detail ?? {},
      publicUrl: this.config.publicUrl,
      timeZone: this.config.notifications.timeZone,
    });
  }
}
