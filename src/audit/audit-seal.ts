import { EntityManager } from '@mikro-orm/core';
import type { AuditEvent } from './audit-event.entity';
import { AuditAlgorithm, CoveredRow, EventContent, eventHash, GENESIS_HASH } from './audit-hash';
import { coverKey, flushingItemRecords, isFlushingNewItem, ItemRecord, recordHash, storedItemRecords } from './item-records';
import { isPostgres, rawJson, sql } from '../database/raw-sql';

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
  const moved = headsMovedBy(em);
  for (let attempt = 1; ; attempt++) {
    // A chain this transaction extended already: its head is locked and known, and the item's stored rows are covered.
    const known = moved?.get(event.chain);
    const head = known ?? (newItem && attempt === 1 ? undefined : await lockHead(em, event.chain));
    const covers = event.itemId ? await newRows(em, algorithm, event.itemId, head?.covered ?? new Set(), !newItem && !known) : [];
    event.position = (head?.position ?? 0) + 1;
    event.prevHash = head?.lastHash ?? GENESIS_HASH;
    event.covers = covers;
    event.algorithm = algorithm;
    event.hash = eventHash(algorithm, event.prevHash, event);
    const coveredKeys = [...(head?.covered ?? []), ...covers.map(coverKey)];
    const covered = JSON.stringify(coveredKeys);
    const next: Head = { position: event.position, lastHash: event.hash, covered: new Set(coveredKeys) };
    if (head) {
      await sql(em, 'update audit_heads set position = ?, last_hash = ?, covered = ? where chain = ?', [event.position, event.hash, covered, event.chain]);
      moved?.set(event.chain, next);
      break;
    }
    const inserted = await sql(em, 'insert into audit_heads (chain, position, last_hash, covered) values (?, ?, ?, ?) on conflict (chain) do nothing returning chain', [
      event.chain, event.position, event.hash, covered,
    ]);
    if (inserted.length > 0) {
      moved?.set(event.chain, next);
      break;
    }
    // Another transaction started this chain first (two first events of one scope at once): link after theirs.
    if (attempt >= 2) throw new Error(`could not extend the audit chain ${event.chain}`);
  }
  algorithms.delete(event);
}

/**
 * The heads each transaction has moved, by chain, kept with the transaction (a retry runs in a new one): a
 * second event of an item in one transaction (scanning then its verdict, approved then publishing) links to the
 * first without reading the head again. No write path nests transactions (inTransaction forks without the
 * caller's), so nothing else in the transaction moves a head it holds.
 */
const movedHeads = new WeakMap<object, Map<string, Head>>();

function headsMovedBy(em: EntityManager): Map<string, Head> | undefined {
  const context = em.getTransactionContext<object>();
  if (!context) return undefined;
  let heads = movedHeads.get(context);
  if (!heads) movedHeads.set(context, (heads = new Map()));
  return heads;
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

/** The audit_events row without `seq`, column by column, timestamps as Dates and JSON as text. */
export interface EventRow {
  at: Date; actor: string; action: string; item_id: string; from_state: string | null; to_state: string | null; data: string;
  chain: string; position: number; covers: string; algorithm: AuditAlgorithm; prev_hash: string; hash: string;
}

/** The columns of an audit_events row written with a plain insert, in the order of `eventRowValues`. */
export const EVENT_COLUMNS = 'at, actor, action, item_id, from_state, to_state, data, chain, position, covers, algorithm, prev_hash, hash';

/** An event row's values in EVENT_COLUMNS order; `at` as the caller's database binds a timestamp (dateParam). */
export function eventRowValues(e: EventRow, at: string | number): unknown[] {
  return [at, e.actor, e.action, e.item_id, e.from_state, e.to_state, e.data, e.chain, e.position, e.covers, e.algorithm, e.prev_hash, e.hash];
}

/** The two rows that start an item's chain: its head and its first event, sealed as sealEvent would seal them. */
export interface FirstEventRows {
  head: { chain: string; lastHash: string; covered: string };
  event: EventRow & { position: 1 };
}

/** A chain's head as read under its lock: where the next event goes and which rows are covered already. */
export interface ChainHead {
  position: number;
  lastHash: string;
  covered: Set<string>;
}

/** Events appended after a known head, and the head they leave (covered as JSON text, as the column stores it). */
export interface ChainRows {
  head: { chain: string; position: number; lastHash: string; covered: string };
  events: EventRow[];
}

/**
 * Events of one item's chain written with plain statements rather than through a flush, sealed exactly as
 * sealEvent seals them one by one: each links to the one before, and the first covers the rows of `records`
 * that no earlier event covered. `head` is undefined for a chain that does not exist yet.
 */
export function chainRows(algorithm: AuditAlgorithm, head: ChainHead | undefined, events: FirstEvent[], records: ItemRecord[]): ChainRows {
  let position = head?.position ?? 0;
  let prevHash = head?.lastHash ?? GENESIS_HASH;
  const covered = new Set(head?.covered ?? []);
  const rows = events.map((event, index) => {
    const covers = index === 0 ? coversOf(algorithm, event.itemId, records, covered) : [];
    for (const row of covers) covered.add(coverKey(row));
    position += 1;
    const hash = eventHash(algorithm, prevHash, { ...event, position, covers });
    const row: EventRow = {
      at: event.at, actor: event.actor, action: event.action, item_id: event.itemId, from_state: event.fromState ?? null, to_state: event.toState ?? null,
      data: JSON.stringify(event.data), chain: event.chain, position, covers: JSON.stringify(covers), algorithm, prev_hash: prevHash, hash,
    };
    prevHash = hash;
    return row;
  });
  if (rows.length === 0) throw new Error('chainRows needs at least one event');
  return { head: { chain: rows[0].chain, position, lastHash: prevHash, covered: JSON.stringify([...covered]) }, events: rows };
}

/**
 * The first event of an item whose rows are written with plain statements rather than through a flush (the
 * intake's path for a new item, see items/new-item.ts): position 1 of the item's chain, covering `records`.
 */
export function firstEventRows(algorithm: AuditAlgorithm, event: FirstEvent, records: ItemRecord[]): FirstEventRows {
  const rows = chainRows(algorithm, undefined, [event], records);
  return { head: { chain: rows.head.chain, lastHash: rows.head.lastHash, covered: rows.head.covered }, event: rows.events[0] as EventRow & { position: 1 } };
}
