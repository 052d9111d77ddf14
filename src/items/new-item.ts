import { EntityManager } from '@mikro-orm/core';
import type { Format } from '@clearance/scanner';
import { dateParam, sql } from '../audit/raw-sql';
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
 * A new item and its first revision (no attachments) in two plain inserts, in the transaction of `em`: the
 * intake's common case without the unit of work, which cost more than the rest of a submission together
 * (bench/pipeline). The rows are the ones the Item and Revision entities would write; the revision's trigger
 * keeps the search table as for any revision. Returns false, having written nothing, when the client already
 * has an item of that externalId: the caller then takes the path of a new revision.
 */
export async function insertNewItem(em: EntityManager, item: NewItem): Promise<boolean> {
  const at = dateParam(em, item.at);
  const inserted = await sql(
    em,
    `insert into items (id, client_id, external_id, unit_id, channels, author, callback_url, state, revision, created_at, state_changed_at)
     values (?, ?, ?, ?, ?, ?, ?, 'submitted', 1, ?, ?) on conflict (client_id, external_id) do nothing returning id`,
    [item.id, item.clientId, item.externalId, item.unitId, JSON.stringify(item.channels), item.author ? JSON.stringify(item.author) : null, item.callbackUrl, at, at],
  );
  if (inserted.length === 0) return false;
  await sql(em, 'insert into revisions (id, item_id, number, title, body, format, attachment_count, content_hash, created_at) values (?, ?, 1, ?, ?, ?, 0, ?, ?)', [
    item.revisionId, item.id, item.title, item.body, item.format, item.contentHash, at,
  ]);
  return true;
}
