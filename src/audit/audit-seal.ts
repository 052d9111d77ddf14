import { EntityManager } from '@mikro-orm/core';
import type { AuditEvent } from './audit-event.entity';
import { AuditAlgorithm, CoveredRow, EventContent, eventHash, GENESIS_HASH } from './audit-hash';
import { coverKey, flushingItemRecords, isFlushingNewItem, ItemRecord, recordHash, storedItemRecords } from './item-records';
import { dateParam, isPostgres, rawJson, sql } from './raw-sql';

const algorithms = new WeakMap<AuditEvent, AuditAlgorithm>();

/** Marks an event created by AuditService.append, with the hash it is to be sealed with at flush. */
export function markForSealing(event: AuditEvent, algorithm: AuditAlgorithm): void {
  algorithms.set(event, algorithm);
}

interface Head {
  position: number;
  lastHash: string;
  covered: Set<string>;
}

interface HeadRow {
  position: number | string;
  last_hash: string;
  covered: unknown;
}

/**
 * Links the event to the end of its chain, inside the flush that inserts it: locks that chain's head row
 * (callers have locked the item row already, so the lock order is item → head), covers the item's rows no
 * earlier event covered, computes the hash and moves the head.
 */
export async function sealEvent(event: AuditEvent, em: EntityManager): Promise<void> {
  const algorithm = algorithms.get(event);
  if (!algorithm) throw new Error('audit events are written through AuditService.append, never created directly');
  // An item this flush creates has no chain and no stored rows yet: one statement (the head's insert) instead of three.
  const newItem = event.itemId !== undefined && isFlushingNewItem(em, event.itemId);
  for (let attempt = 1; ; attempt++) {
    const head = newItem && attempt === 1 ? undefined : await lockHead(em, event.chain);
    const covers = event.itemId ? await newRows(em, algorithm, event.itemId, head?.covered ?? new Set(), !newItem) : [];
    event.position = (head?.position ?? 0) + 1;
    event.prevHash = head?.lastHash ?? GENESIS_HASH;
    event.covers = covers;
    event.algorithm = algorithm;
    event.hash = eventHash(algorithm, event.prevHash, event);
    const covered = JSON.stringify([...(head?.covered ?? []), ...covers.map(coverKey)]);
    if (head) {
      await sql(em, 'update audit_heads set position = ?, last_hash = ?, covered = ? where chain = ?', [event.position, event.hash, covered, event.chain]);
      break;
    }
    const inserted = await sql(em, 'insert into audit_heads (chain, position, last_hash, covered) values (?, ?, ?, ?) on conflict (chain) do nothing returning chain', [
      event.chain, event.position, event.hash, covered,
    ]);
    if (inserted.length > 0) break;
    // Another transaction started this chain first (two first events of one scope at once): link after theirs.
    if (attempt >= 2) throw new Error(`could not extend the audit chain ${event.chain}`);
  }
  algorithms.delete(event);
}

async function lockHead(em: EntityManager, chain: string): Promise<Head | undefined> {
  // SQLite has no row locks: the flush already holds the database's single write lock.
  const lock = isPostgres(em) ? ' for update' : '';
  const [row] = await sql<HeadRow>(em, `select position, last_hash, covered from audit_heads where chain = ?${lock}`, [chain]);
  if (!row) return undefined;
  return { position: Number(row.position), lastHash: row.last_hash, covered: new Set(rawJson<string[]>(row.covered)) };
}

async function newRows(em: EntityManager, algorithm: AuditAlgorithm, itemId: string, covered: Set<string>, stored: boolean): Promise<CoveredRow[]> {
  const records: ItemRecord[] = stored ? ((await storedItemRecords(em, [itemId])).get(itemId) ?? []) : [];
  return coversOf(algorithm, itemId, [...records, ...flushingItemRecords(em, itemId)], covered);
}

/** The rows among `records` that no earlier event covered, in key order, each with its hash (a later record of a key wins). */
function coversOf(algorithm: AuditAlgorithm, itemId: string, records: Iterable<ItemRecord>, covered: Set<string>): CoveredRow[] {
  const byKey = new Map<string, ItemRecord>();
  for (const record of records) byKey.set(coverKey(record), record);
  return [...byKey.entries()]
    .filter(([key]) => !covered.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, record]) => ({ kind: record.kind, key: record.key, hash: recordHash(algorithm, itemId, record) }));
}

export type FirstEvent = Omit<EventContent, 'position' | 'covers'> & { itemId: string };

/**
 * The first event of an item that was inserted with plain statements rather than through a flush (the intake's
 * path for a new item, see items/new-item.ts): starts the item's chain at position 1, covering `records`, with
 * the hash and head sealEvent would have written. Throws if the chain exists: the item was not new.
 */
export async function insertFirstEvent(em: EntityManager, algorithm: AuditAlgorithm, event: FirstEvent, records: ItemRecord[]): Promise<void> {
  const covers = coversOf(algorithm, event.itemId, records, new Set());
  const hash = eventHash(algorithm, GENESIS_HASH, { ...event, position: 1, covers });
  const started = await sql(em, 'insert into audit_heads (chain, position, last_hash, covered) values (?, 1, ?, ?) on conflict (chain) do nothing returning chain', [
    event.chain, hash, JSON.stringify(covers.map(coverKey)),
  ]);
  if (started.length === 0) throw new Error(`the audit chain ${event.chain} exists already: its item is not new`);
  await sql(
    em,
    'insert into audit_events (at, actor, action, item_id, from_state, to_state, data, chain, position, covers, algorithm, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    [
      dateParam(em, event.at), event.actor, event.action, event.itemId, event.fromState ?? null, event.toState ?? null, JSON.stringify(event.data),
      event.chain, JSON.stringify(covers), algorithm, GENESIS_HASH, hash,
    ],
  );
}
