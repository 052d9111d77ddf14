import { EntityManager } from '@mikro-orm/core';
import type { Format } from '@clearance/scanner';
import { EVENT_COLUMNS, eventRowValues, type FirstEventRows } from '../audit/audit-seal';
import { dateParam, isPostgres, sql, SqlCondition } from '../database/raw-sql';
import { inTransaction, retryingStatement } from '../database/transaction';
import type { ItemAuthor } from './entities/item.entity';

export interface NewItem {
  id: string;
  revisionId: string;
  clientId: string;
  externalId: string;
  unitId: string;
  channels: string[];
  author: ItemAuthor | null;
  callbackUrl: string | null;
  title: string;
  body: string;
  format: Format;
  contentHash: string;
  at: Date;
}

/**
 * A new item without attachments: the item, its first revision, and the head and first event of its audit chain,
 * the rows the entities and a flush would write, without the unit of work. On PostgreSQL they go in one
 * statement (data-modifying CTEs, atomic by themselves): a round trip to the database costs more than anything
 * else a submission does on this kind of machine (bench/pipeline). On SQLite, whose statements cost no round
 * trip, in one transaction. The revision's trigger keeps the search table as for any revision.
 * Returns 'exists', having written nothing, when the client has an item of that externalId already: the caller
 * then takes the path of a new revision. On PostgreSQL, `channels` (the submission's channels may take the
 * unit's items) is checked by the same statement: 'unknown channels' when it is false, having written nothing.
 */
const ITEM_COLUMNS = 'id, client_id, external_id, unit_id, channels, author, callback_url, state, revision, created_at, state_changed_at';
const REVISION_COLUMNS = 'id, item_id, number, title, body, format, attachment_count, content_hash, created_at';
const HEAD_COLUMNS = 'chain, position, last_hash, covered';

export type NewItemOutcome = 'inserted' | 'exists' | 'unknown channels';

export async function insertNewItem(em: EntityManager, item: NewItem, first: FirstEventRows, channels?: SqlCondition): Promise<NewItemOutcome> {
  const e = first.event;
  const itemRow = [item.id, item.clientId, item.externalId, item.unitId, JSON.stringify(item.channels), item.author ? JSON.stringify(item.author) : null, item.callbackUrl];
  if (isPostgres(em)) {
    const at = item.at.toISOString();
    const allowed = channels ?? { text: 'true', params: [] };
    const rows = await retryingStatement(() =>
      sql<{ id: string | null; channels_ok: boolean }>(
        em,
        `with allowed as (select (${allowed.text}) as ok), item as (
           insert into items (${ITEM_COLUMNS})
           select ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'submitted', 1, ?::timestamptz, ?::timestamptz where (select ok from allowed)
           on conflict (client_id, external_id) do nothing returning id
         ), revision as (
           insert into revisions (${REVISION_COLUMNS})
           select ?, id, 1, ?, ?, ?, 0, ?, ?::timestamptz from item
         ), head as (
           insert into audit_heads (${HEAD_COLUMNS}) select ?, 1, ?, ?::jsonb from item
         ), event as (
           insert into audit_events (${EVENT_COLUMNS})
           select ?::timestamptz, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::integer, ?::jsonb, ?, ?, ? from item
         )
         select (select id from item) as id, (select ok from allowed) as channels_ok`,
        [
          ...allowed.params,
          ...itemRow, at, at,
          item.revisionId, item.title, item.body, item.format, item.contentHash, at,
          first.head.chain, first.head.lastHash, first.head.covered,
          ...eventRowValues(e, e.at.toISOString()),
        ],
      ),
    );
    if (rows[0].id !== null) return 'inserted';
    return rows[0].channels_ok ? 'exists' : 'unknown channels';
  }
  return inTransaction<NewItemOutcome>(em, async ({ em: tx }) => {
    const at = dateParam(tx, item.at);
    const inserted = await sql(
      tx,
      `insert into items (${ITEM_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, 'submitted', 1, ?, ?) on conflict (client_id, external_id) do nothing returning id`,
      [...itemRow, at, at],
    );
    if (inserted.length === 0) return 'exists';
    await sql(tx, `insert into revisions (${REVISION_COLUMNS}) values (?, ?, 1, ?, ?, ?, 0, ?, ?)`, [
      item.revisionId, item.id, item.title, item.body, item.format, item.contentHash, at,
    ]);
    await sql(tx, `insert into audit_heads (${HEAD_COLUMNS}) values (?, 1, ?, ?)`, [first.head.chain, first.head.lastHash, first.head.covered]);
    await sql(
      tx,
      `insert into audit_events (${EVENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      eventRowValues(e, dateParam(tx, e.at)),
    );
    return 'inserted';
  });
}
