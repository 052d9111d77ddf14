import { EntityManager } from '@mikro-orm/core';
import { AuditCheckpoint, LegacySeal } from './audit-checkpoint.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditHead } from './audit-head.entity';
import { AuditAlgorithm, GENESIS_HASH } from './audit-hash';
import { checkpointBody, CheckpointRecord, checkpointHash, exportCheckpoint, isExported, signedText } from './checkpoint-record';
import { SigningKey, signText } from './checkpoint-signing';
import { eventLeaf, MerkleTree } from './merkle';
import { isPostgres, sql } from '../database/raw-sql';
import { inTransaction } from '../database/transaction';

export interface CheckpointerOptions {
  algorithm: AuditAlgorithm;
  key?: SigningKey;
  dir?: string;
  /** How long to wait for transactions that may still commit events below the watermark. */
  settleTimeoutMs?: number;
}

/** `exportError`: the checkpoint is in the database, but its file could not be written (the next run retries the newest). */
export type CheckpointOutcome = { written: CheckpointRecord; exported: boolean; exportError?: string } | { skipped: string };

const CHECKPOINT_LOCK = 0x636c7201; // "clr\1"; the migration lock is "clr\0"
const LEAF_BATCH = 5000;

export class CheckpointBusyError extends Error {}

/** The record of a stored checkpoint, as exported and verified. */
export function checkpointRecord(c: AuditCheckpoint): CheckpointRecord {
  return { ...checkpointBody(c), hash: c.hash, signature: c.signature ?? null };
}

/**
 * Writes the next checkpoint: the events after the previous one up to the committed watermark, sealed by their
 * Merkle root, the previous checkpoint's hash and (with a key) an Ed25519 signature; then the file.
 *
 * The watermark is the highest seq below which no event can still appear. seq values are handed out at insert
 * and commit in any order, so "the largest seq I can see" is not it: a transaction holding a smaller one may
 * still commit. On PostgreSQL: read the sequence's last value, then wait until every transaction of this
 * database that was writing at that moment has ended — each one that holds a seq locked its chain head before
 * taking it, so it already had a transaction id then. On SQLite there is one writer at a time, and it takes
 * max(seq) + 1: every seq a reader can see is final.
 *
 * The root is computed before the write, outside any lock (the events it covers no longer change); the write is a
 * short transaction that checks no other process wrote a checkpoint meanwhile.
 */
export class AuditCheckpointer {
  constructor(private readonly em: EntityManager, private readonly options: CheckpointerOptions) {}

  async checkpoint(): Promise<CheckpointOutcome> {
    const read = this.em.fork();
    const previous = await read.getRepository(AuditCheckpoint).latest();
    const number = (previous?.number ?? 0) + 1;
    const firstSeq = (previous?.lastSeq ?? 0) + 1;
    const lastSeq = isPostgres(read) ? await this.settledWatermark() : await read.getRepository(AuditEvent).lastSeq();
    const legacy = number === 1 ? await legacySeal(read) : null;
    if (lastSeq < firstSeq && !legacy) return { skipped: 'no events since the last checkpoint' };
    const tree = new MerkleTree(this.options.algorithm);
    for (let after = firstSeq - 1; ; ) {
      const leaves = await read.getRepository(AuditEvent).leaves(after, lastSeq, LEAF_BATCH);
      for (const leaf of leaves) tree.add(eventLeaf(leaf.seq, leaf.hash));
      if (leaves.length < LEAF_BATCH) break;
      after = leaves[leaves.length - 1].seq;
    }
    // Only rolled-back seqs since the last one: nothing to seal; the next checkpoint's range starts at the same place.
    if (tree.size === 0 && !legacy) return { skipped: 'no events since the last checkpoint' };
    const body = checkpointBody({
      number, createdAt: new Date(), algorithm: this.options.algorithm, firstSeq, lastSeq: Math.max(lastSeq, firstSeq - 1), events: tree.size, root: tree.root(),
      prevHash: previous?.hash ?? GENESIS_HASH, legacy, keyId: this.options.key?.keyId ?? null,
    });
    const record: CheckpointRecord = { ...body, hash: checkpointHash(body), signature: this.options.key ? signText(signedText(body), this.options.key) : null };
    // Through the one helper: on SQLite it takes the write lock up front and retries a busy database.
    const outcome = await inTransaction(this.em, async ({ em }): Promise<{ skipped: string } | { record: CheckpointRecord }> => {
      if (isPostgres(em)) {
        const [lock] = await sql<{ locked: boolean }>(em, 'select pg_try_advisory_xact_lock(?) as locked', [CHECKPOINT_LOCK]);
        if (!lock.locked) return { skipped: 'another process is writing a checkpoint' };
      }
      const latest = await em.getRepository(AuditCheckpoint).latest();
      if ((latest?.number ?? 0) !== number - 1) return { skipped: `another process wrote checkpoint ${latest?.number} meanwhile` };
      em.create(AuditCheckpoint, { ...record, createdAt: new Date(record.createdAt) });
      return { record };
    });
    if ('skipped' in outcome) return outcome;
    try {
      return { written: outcome.record, exported: this.export(outcome.record) };
    } catch (error) {
      return { written: outcome.record, exported: false, exportError: (error as Error).message };
    }
  }

  /** The newest checkpoint's file, if a crash came between its commit and its export. */
  async exportLatest(): Promise<boolean> {
    const latest = await this.em.fork().getRepository(AuditCheckpoint).latest();
    if (!latest || !this.options.dir || isExported(this.options.dir, latest.number)) return false;
    return this.export(checkpointRecord(latest));
  }

  private export(record: CheckpointRecord): boolean {
    if (!this.options.dir) return false;
    exportCheckpoint(this.options.dir, record);
    return true;
  }

  private async settledWatermark(): Promise<number> {
    const em = this.em.fork();
    const [sequence] = await sql<{ last: string | number | null }>(em, "select pg_sequence_last_value(pg_get_serial_sequence('audit_events', 'seq')) as last");
    const last = Number(sequence?.last ?? 0);
    const writing = await sql<{ xid: string }>(
      em,
      'select backend_xid::text as xid from pg_stat_activity where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()',
    );
    const xids = writing.map((w) => w.xid);
    const deadline = Date.now() + (this.options.settleTimeoutMs ?? 10_000);
    while (xids.length > 0) {
      const marks = xids.map(() => '?').join(', ');
      const open = await sql<{ n: string | number }>(em, `select count(*) as n from pg_stat_activity where datname = current_database() and backend_xid::text in (${marks})`, xids);
      if (Number(open[0].n) === 0) break;
      if (Date.now() > deadline) throw new CheckpointBusyError(`transactions open since the watermark (seq ${last}) did not end within ${(this.options.settleTimeoutMs ?? 10_000) / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return last;
  }
}

async function legacySeal(em: EntityManager): Promise<LegacySeal | null> {
  const head = await em.findOne(AuditHead, { chain: 'legacy' }, { disableIdentityMap: true });
  return head ? { events: head.position, head: head.lastHash, broken: head.broken ?? null } : null;
}
