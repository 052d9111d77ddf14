import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { dateParam, isPostgres, rawJson, sql } from '../database/raw-sql';
import { inTransaction } from '../database/transaction';
import type { NotificationContent, NotificationStatus, StoredNotificationKind } from './entities/notification.entity';
import { NotificationRecipients } from './notification-recipients';
import type { NotificationAudience } from './notification-request';
import { itemNoticeContent } from './notice-text';

/** A notification's row with what its words need: the unit's name and the item's external id and revision. */
interface NotificationRow {
  kind: StoredNotificationKind;
  dedupe_key: string;
  item_id: string | null;
  unit_id: string;
  audience: unknown;
  detail: unknown;
  status: NotificationStatus;
  unit_name: string | null;
  external_id: string | null;
  item_revision: number | string | null;
  /** The title of the revision the notification names (detail.revision), else of the item's current one. */
  title: string | null;
}

interface MessageRow {
  transport: 'email' | 'robot';
  recipient: string;
  address: string | null;
}

const MESSAGE_COLUMNS = 'id, notification_id, transport, recipient, address, status, attempt_count, next_attempt_at, created_at';

/**
 * Turns one outbox row into its messages: the words (fixed now, so a retry sends the same text) and one
 * message per recipient, unique per (notification, transport, recipient), so expanding twice adds nothing and
 * two runs at once write the same rows. Plain statements, since every move of an item to a level comes here:
 * on PostgreSQL a read of the row, one of the recipients and one statement that writes the messages, marks the
 * row expanded and returns what is still to send.
 */
@Injectable()
export class NotificationExpander {
  private readonly logger = new Logger(NotificationExpander.name);

  constructor(private readonly em: EntityManager, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly recipients: NotificationRecipients) {}

  /** The ids of the notification's messages still to send. */
  async expand(notificationId: string): Promise<string[]> {
    const em = this.em.fork();
    if (!isPostgres(em)) return inTransaction(em, ({ em: tx }) => this.expandIn(tx, notificationId));
    return this.expandIn(em, notificationId);
  }

  private async expandIn(em: EntityManager, notificationId: string): Promise<string[]> {
    const namedRevision = isPostgres(em)
      ? `case when json_typeof(n.detail -> 'revision') = 'number' then (n.detail ->> 'revision')::numeric end`
      : `case when json_type(n.detail, '$.revision') in ('integer', 'real') then json_extract(n.detail, '$.revision') end`;
    const [row] = await sql<NotificationRow>(
      em,
      `select n.kind, n.dedupe_key, n.item_id, n.unit_id, n.audience, n.detail, n.status, u.name as unit_name, i.external_id, i.revision as item_revision,
              (select r.title from revisions r where r.item_id = n.item_id and r.number = coalesce(${namedRevision}, i.revision)) as title
         from notifications n left join units u on u.id = n.unit_id left join items i on i.id = n.item_id where n.id = ?`,
      [notificationId],
    );
    if (!row) return [];
    if (row.status !== 'pending') return this.pending(em, notificationId);
    const content = contentOf(row, this.config);
    const audience = rawJson<NotificationAudience>(row.audience);
    const to = await this.recipients.of(em, row.unit_id, audience, row.item_id);
    const mail = this.config.notifications.smtpUrl ? to.mail : [];
    const messages: MessageRow[] = [
      ...mail.map((m) => ({ transport: 'email' as const, recipient: m.userId, address: m.email })),
      ...to.robots.map((id) => ({ transport: 'robot' as const, recipient: id, address: null })),
    ];
    if (to.withoutAddress > 0) this.logger.log(`notification ${row.dedupe_key}: ${to.withoutAddress} recipient(s) have no e-mail address (user:add --email)`);
    return this.write(em, notificationId, messages, content);
  }

  /** The messages in (once), the row marked expanded with its words, and the ids of the messages still to send. */
  private async write(em: EntityManager, notificationId: string, messages: MessageRow[], content: NotificationContent): Promise<string[]> {
    const now = dateParam(em, new Date());
    const insert = messages.length > 0 && {
      sql: `insert into notification_messages (${MESSAGE_COLUMNS}) values ${messages.map(() => "(?, ?, ?, ?, ?, 'pending', 0, ?, ?)").join(', ')}
            on conflict (notification_id, transport, recipient) do nothing`,
      params: messages.flatMap((m) => [randomUUID(), notificationId, m.transport, m.recipient, m.address, now, now]),
    };
    const update = {
      sql: `update notifications set status = 'expanded', content = ?, expanded_at = ? where id = ? and status = 'pending'`,
      params: [JSON.stringify(content), now, notificationId],
    };
    if (!isPostgres(em)) {
      if (insert) await sql(em, insert.sql, insert.params);
      await sql(em, update.sql, update.params);
      return this.pending(em, notificationId);
    }
    // One statement, atomic by itself. Its parts see one snapshot, so the messages it inserts come from the insert's returning.
    const rows = await sql<{ id: string }>(
      em,
      insert
        ? `with inserted as (${insert.sql} returning id), expanded as (${update.sql})
           select id from inserted union select id from notification_messages where notification_id = ? and status in ('pending', 'sending')`
        : `with expanded as (${update.sql}) select id from notification_messages where notification_id = ? and status in ('pending', 'sending')`,
      [...(insert ? insert.params : []), ...update.params, notificationId],
    );
    return rows.map((r) => r.id).sort();
  }

  private async pending(em: EntityManager, notificationId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(em, `select id from notification_messages where notification_id = ? and status in ('pending', 'sending') order by id`, [notificationId]);
    return rows.map((r) => r.id);
  }
}

function contentOf(row: NotificationRow, config: AppConfig): NotificationContent {
  const detail = row.detail == null ? {} : rawJson<Record<string, unknown>>(row.detail);
  const stored = detail.content as NotificationContent | undefined;
  if (row.kind === 'digest_daily' || row.kind === 'digest_weekly') {
    if (!stored) throw new Error(`digest ${row.dedupe_key} has no content`);
    return stored;
  }
  if (row.unit_name === null) throw new Error(`notification ${row.dedupe_key}: its unit ${row.unit_id} does not exist`);
  if (row.external_id === null) throw new Error(`notification ${row.dedupe_key}: its item ${row.item_id} does not exist`);
  const revision = typeof detail.revision === 'number' ? detail.revision : Number(row.item_revision);
  return itemNoticeContent({
    kind: row.kind,
    item: { id: row.item_id!, title: row.title ?? row.external_id, revision },
    unitName: row.unit_name,
    detail,
    publicUrl: config.publicUrl,
    timeZone: config.notifications.timeZone,
  });
}
