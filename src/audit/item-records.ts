import { ChangeSetType, EntityManager } from '@mikro-orm/core';
import { canonicalJson } from '../common/canonical-json';
import { Decision } from '../items/entities/decision.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { AuditAlgorithm, CoveredRow, hexDigest } from './audit-hash';
import { rawDate, rawJson, sql } from '../database/raw-sql';

/**
 * What an item's audit chain vouches for besides its events: each revision as (number, content hash,
 * attachment count) — the text itself is pinned by the content hash — and each decision as (id, revision,
 * content hash, level, decision, user, comment, time). Each row is covered once, by the first event of the item
 * flushed with it or after it — the event of the same transaction, as every write path records the row and its
 * event together; audit:verify recomputes every row and checks that the covering event is that row's own.
 */
export type ItemRecord =
  | { kind: 'revision'; key: string; fields: { number: number; contentHash: string; attachmentCount: number } }
  | {
      kind: 'decision';
      key: string;
      fields: { id: string; revision: number; contentHash: string; level: string; decision: string; user: string; comment: string | null; at: string };
    };

export function recordHash(algorithm: AuditAlgorithm, itemId: string, record: ItemRecord): string {
  return hexDigest(algorithm, canonicalJson({ kind: record.kind, item: itemId, ...record.fields }));
}

export function coverKey(row: Pick<CoveredRow, 'kind' | 'key'>): string {
  return `${row.kind}:${row.key}`;
}

/** A revision as its item's chain covers it. */
export function revisionRecord(number: number, contentHash: string, attachmentCount: number): ItemRecord {
  return { kind: 'revision', key: String(number), fields: { number, contentHash, attachmentCount } };
}

function decisionRecord(d: { id: string; revision: number; contentHash: string; level: string; decision: string; user: string; comment: string | null; at: Date }): ItemRecord {
  const { at, ...rest } = d;
  return { kind: 'decision', key: d.id, fields: { ...rest, at: at.toISOString() } };
}

interface RecordRow {
  kind: 'revision' | 'decision';
  item_id: string;
  id: string | null;
  number: number | string | null;
  content_hash: string;
  attachment_count: number | string | null;
  revision: number | string | null;
  level: string | null;
  decision: string | null;
  user_id: string | null;
  comment: string | null;
  created_at: unknown;
}

/** The item's revisions and decisions as rows of one shape (RecordRow), for the items whose id matches `condition`. */
function recordRowsSql(condition: string): string {
  return `select 'revision' as kind, item_id, null as id, number, content_hash, attachment_count, null as revision, null as level, null as decision, null as user_id, null as comment, null as created_at
       from revisions where item_id ${condition}
     union all
     select 'decision', item_id, id, null, content_hash, null, revision, level, decision, user_id, comment, created_at
       from decisions where item_id ${condition}`;
}

const RECORD_FIELDS = ['kind', 'item_id', 'id', 'number', 'content_hash', 'attachment_count', 'revision', 'level', 'decision', 'user_id', 'comment', 'created_at'] as const;

/**
 * A subselect giving the stored rows of the item `itemIdColumn` names as one JSON array (read with
 * `itemRecordsFromJson`), for a statement that reads them with the item: see scan/scan-verdict.ts.
 */
export function itemRecordsJsonSql(postgres: boolean, itemIdColumn: string): string {
  const fields = RECORD_FIELDS.map((f) => `'${f}', r.${f}`).join(', ');
  const aggregate = postgres ? `coalesce(json_agg(json_build_object(${fields})), '[]'::json)` : `json_group_array(json_object(${fields}))`;
  return `(select ${aggregate} from (${recordRowsSql(`= ${itemIdColumn}`)}) r)`;
}

export function itemRecordsFromJson(value: unknown): ItemRecord[] {
  return rawJson<RecordRow[]>(value).map(recordOf);
}

function recordOf(r: RecordRow): ItemRecord {
  return r.kind === 'revision'
    ? revisionRecord(Number(r.number), r.content_hash, Number(r.attachment_count))
    : decisionRecord({ id: r.id!, revision: Number(r.revision), contentHash: r.content_hash, level: r.level!, decision: r.decision!, user: r.user_id!, comment: r.comment, at: rawDate(r.created_at) });
}

/** The stored rows of the given items in one statement, raw so it can run inside a flush, in the transaction of `em`. */
export async function storedItemRecords(em: EntityManager, itemIds: readonly string[]): Promise<Map<string, ItemRecord[]>> {
  const records = new Map<string, ItemRecord[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return records;
  const marks = itemIds.map(() => '?').join(', ');
  const rows = await sql<RecordRow>(em, recordRowsSql(`in (${marks})`), [...itemIds, ...itemIds]);
  for (const r of rows) records.get(r.item_id)?.push(recordOf(r));
  return records;
}

/** Whether this flush inserts the item itself: then it has no stored rows and no chain yet. */
export function isFlushingNewItem(em: EntityManager, itemId: string): boolean {
  return em.getUnitOfWork().getChangeSets().some((c) => c.type === ChangeSetType.CREATE && c.entity instanceof Item && c.entity.id === itemId);
}

/** Revisions and decisions of the item that this flush is about to insert (or has just inserted). */
export function flushingItemRecords(em: EntityManager, itemId: string): ItemRecord[] {
  const records: ItemRecord[] = [];
  for (const changeSet of em.getUnitOfWork().getChangeSets()) {
    if (changeSet.type !== ChangeSetType.CREATE) continue;
    const entity: unknown = changeSet.entity;
    if (entity instanceof Revision && entity.item.id === itemId) {
      records.push(revisionRecord(entity.number, entity.contentHash, entity.attachmentCount));
    } else if (entity instanceof Decision && entity.item.id === itemId) {
      records.push(
        decisionRecord({
          id: entity.id, revision: entity.revision, contentHash: entity.contentHash, level: entity.level, decision: entity.decision,
          user: entity.user.id, comment: entity.comment ?? null, at: entity.createdAt,
        }),
      );
    }
  }
  return records;
}
