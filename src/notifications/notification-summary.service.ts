import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '../auth/principal';
import { ReviewDeadline } from '../deadlines/entities/review-deadline.entity';
import { Item } from '../items/entities/item.entity';
import { queueScope } from '../items/queue-scope';
import { NotificationMessage } from './entities/notification-message.entity';
import { plainOf } from './notice-text';

export interface NotificationSummary {
  /** What the caller may act on now (the same scope as 我的待审). */
  awaiting: number;
  /** Of those, how many are past their level's due time. */
  overdue: number;
}

export interface RecentNotification {
  kind: string;
  subject: string;
  link: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** The header's badge and the caller's own recent notifications; nothing of another person or unit. */
@Injectable()
export class NotificationSummaryService {
  constructor(private readonly em: EntityManager) {}

  async summary(user: UserPrincipal, now = new Date()): Promise<NotificationSummary> {
    const em = this.em.fork();
    const scope = await queueScope(em, user);
    if (scope.states.length === 0) return { awaiting: 0, overdue: 0 };
    const mine = { unit: scope.unitId, state: { $in: scope.states }, ...(scope.barred.length ? { id: { $nin: scope.barred } } : {}) };
    const [awaiting, overdue] = await Promise.all([
      em.count(Item, mine),
      em.count(ReviewDeadline, { closedAt: null, dueAt: { $lt: now }, unit: scope.unitId, item: mine }),
    ]);
    return { awaiting, overdue };
  }

  async recent(user: UserPrincipal, limit: number): Promise<{ notifications: RecentNotification[] }> {
    const messages = await this.em.fork().find(
      NotificationMessage,
      { transport: 'email', recipient: user.userId, notification: { unitId: user.unitId, status: 'expanded' } },
      { populate: ['notification'], orderBy: { createdAt: 'desc' }, limit },
    );
    return {
      notifications: messages.map((m) => ({
        kind: m.notification.kind,
        subject: m.notification.content ? plainOf(m.notification.content.subject) : '',
        link: m.notification.content?.link ?? '',
        status: m.status,
        createdAt: m.createdAt,
        sentAt: m.sentAt ?? null,
      })),
    };
  }
}
