import { MikroORM } from '@mikro-orm/core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditAlgorithm, CoveredRow, eventHash } from '../../src/audit/audit-hash';
import { generateSigningKey } from '../../src/audit/checkpoint-signing';
import { rawDate, rawJson } from '../../src/database/raw-sql';

export type Row = Record<string, unknown>;

export function sqlOf(orm: MikroORM) {
  return (query: string, params: unknown[] = []): Promise<Row[]> => orm.em.fork().getConnection().execute(query, params);
}

/** A signing key pair in a fresh directory, and a directory for the exported checkpoints. */
export function auditFiles(): { dir: string; keyFile: string; publicKeyFile: string; checkpointDir: string; otherPublicKeyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'clearance-audit-'));
  const key = generateSigningKey();
  const other = generateSigningKey();
  const keyFile = join(dir, 'audit.key');
  writeFileSync(keyFile, key.privatePem, { mode: 0o600 });
  writeFileSync(`${keyFile}.pub`, key.publicPem);
  writeFileSync(join(dir, 'other.pub'), other.publicPem);
  mkdirSync(join(dir, 'checkpoints'));
  return { dir, keyFile, publicKeyFile: `${keyFile}.pub`, checkpointDir: join(dir, 'checkpoints'), otherPublicKeyFile: join(dir, 'other.pub') };
}

/** Values read back from one database, made fit to be written to it again (JSON columns as text). */
function writable(value: unknown): unknown {
  if (value === null || value instanceof Date || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

/** Puts back rows saved with `select *` (after a test deleted them), keeping their keys. */
export async function reinsert(orm: MikroORM, table: string, rows: Row[]): Promise<void> {
  const knex = (orm.em.getConnection() as unknown as { getKnex(): (t: string) => { insert(rows: Row[]): unknown } }).getKnex();
  if (rows.length === 0) return;
  await orm.em.fork().getConnection().execute(knex(table).insert(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, writable(v)])))) as never);
}

/**
 * What an insider with write access to the database can do: change the content of events of one chain from
 * `position` on, recompute every hash after it and move the chain head, so that the chain verifies again.
 */
export async function rewriteChain(orm: MikroORM, chain: string, position: number, change: (event: Row) => void = () => undefined): Promise<void> {
  const sql = sqlOf(orm);
  const events = await sql('select * from audit_events where chain = ? order by position', [chain]);
  let prevHash = String(events.find((e) => Number(e.position) === position - 1)?.hash ?? '0'.repeat(64));
  for (const event of events.filter((e) => Number(e.position) >= position)) {
    change(event);
    const data = rawJson<Record<string, unknown>>(event.data);
    const covers = rawJson<CoveredRow[]>(event.covers);
    const hash = eventHash(event.algorithm as AuditAlgorithm, prevHash, {
      chain, position: Number(event.position), at: rawDate(event.at), actor: String(event.actor), action: String(event.action),
      itemId: event.item_id as string | null, fromState: event.from_state as string | null, toState: event.to_state as string | null, data, covers,
    });
    await sql('update audit_events set actor = ?, data = ?, prev_hash = ?, hash = ? where seq = ?', [event.actor, JSON.stringify(data), prevHash, hash, event.seq]);
    prevHash = hash;
  }
  const [last] = await sql('select position, hash from audit_events where chain = ? order by position desc limit 1', [chain]);
  await sql('update audit_heads set position = ?, last_hash = ? where chain = ?', [last.position, last.hash, chain]);
}

/** Deletes the last `count` events of a chain and rewinds its head, as if they had never been written. */
export async function truncateChain(orm: MikroORM, chain: string, count: number): Promise<Row[]> {
  const sql = sqlOf(orm);
  const removed = await sql('select * from audit_events where chain = ? order by position desc limit ?', [chain, count]);
  for (const row of removed) await sql('delete from audit_events where seq = ?', [row.seq]);
  const [last] = await sql('select position, hash from audit_events where chain = ? order by position desc limit 1', [chain]);
  await sql('update audit_heads set position = ?, last_hash = ? where chain = ?', [last.position, last.hash, chain]);
  return removed;
}

/** Saves a chain's events and head, and returns what puts them back as they were. */
export async function saveChain(orm: MikroORM, chain: string): Promise<() => Promise<void>> {
  const sql = sqlOf(orm);
  const events = await sql('select seq, actor, data, prev_hash, hash from audit_events where chain = ?', [chain]);
  const [head] = await sql('select position, last_hash from audit_heads where chain = ?', [chain]);
  return async () => {
    for (const e of events) {
      await sql('update audit_events set actor = ?, data = ?, prev_hash = ?, hash = ? where seq = ?', [e.actor, JSON.stringify(rawJson(e.data)), e.prev_hash, e.hash, e.seq]);
    }
    await sql('update audit_heads set position = ?, last_hash = ? where chain = ?', [head.position, head.last_hash, chain]);
  };
}
