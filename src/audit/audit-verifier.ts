import { EntityManager, IsolationLevel } from '@mikro-orm/core';
import { KeyObject } from 'node:crypto';
import { revisionContentHash } from '../attachments/revision-content-hash';
import { Revision } from '../items/entities/revision.entity';
import { AuditCheckpoint, LegacySeal } from './audit-checkpoint.entity';
import { checkpointRecord } from './audit-checkpointer';
import { AuditEvent } from './audit-event.entity';
import { AuditHead } from './audit-head.entity';
import { eventHash, GENESIS_HASH, isAuditAlgorithm, LEGACY_ALGORITHM, legacyEventHash } from './audit-hash';
import { CheckpointRecord, checkpointBody, checkpointHash, readCheckpointDir, signedText } from './checkpoint-record';
import { signatureHolds } from './checkpoint-signing';
import { coverKey, ItemRecord, recordHash, storedItemRecords } from './item-records';
import { eventLeaf, MerkleTree } from './merkle';
import { isPostgres, sql } from '../database/raw-sql';

export interface VerifyOptions {
  /** Exported checkpoint files to hold the database against (operators' shipped copy). */
  checkpointDir?: string;
  /** Keys whose signatures are accepted; none: signatures are not checked. */
  publicKeys?: KeyObject[];
  maxFindings?: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Evidence of tampering, one sentence each, naming the event, chain, row or checkpoint. */
  findings: string[];
  /** What was and was not checked. */
  notes: string[];
  events: number;
  chains: number;
  checkpoints: number;
  /** Events after the last checkpoint: protected by their chains only until the next one. */
  unsealed: number;
}

interface Cover {
  hash: string;
  algorithm: string;
  seq: number;
  action: string;
  toState?: string | null;
  data: Record<string, unknown>;
}

interface ChainState {
  chain: string;
  count: number;
  lastHash: string;
  lastSeq: number;
  covers: Map<string, Cover>;
  lastToState?: string;
}

const EVENT_BATCH = 1000;
const CHAIN_BATCH = 200;
const LEGACY = 'legacy';

function chainName(chain: string): string {
  if (chain === LEGACY) return 'the pre-upgrade chain';
  const [kind, ...rest] = chain.split(':');
  return `${kind} ${rest.join(':')}`;
}

function describe(record: ItemRecord): string {
  if (record.kind === 'revision') return `revision ${record.fields.number}`;
  const f = record.fields;
  return `decision ${f.id} (${f.level} ${f.decision} on revision ${f.revision})`;
}

class Findings {
  readonly list: string[] = [];
  private dropped = 0;
  constructor(private readonly max: number) {}
  add(message: string): void {
    if (this.list.length < this.max) this.list.push(message);
    else this.dropped += 1;
  }
  all(): string[] {
    return this.dropped ? [...this.list, `… and ${this.dropped} more`] : this.list;
  }
}

/**
 * Recomputes the audit trail from the rows and holds it against the checkpoints: every chain (links, hashes,
 * positions, heads), every revision and decision against the event that covered it, each item's state, every
 * checkpoint (numbers, links, hashes, signatures, the exported files) and each checkpoint's Merkle root over
 * the events it sealed. A rewrite done inside the database recomputes the chains but cannot re-sign a
 * checkpoint, nor reach the files shipped elsewhere.
 */
export class AuditVerifier {
  private readonly findings: Findings;
  private readonly notes: string[] = [];
  private events = 0;
  private chains = 0;
  private legacySealed = false;

  constructor(private em: EntityManager, private readonly options: VerifyOptions = {}) {
    this.findings = new Findings(options.maxFindings ?? 100);
  }

  /**
   * Every read in one snapshot (a read-only REPEATABLE READ transaction on PostgreSQL; on SQLite in WAL mode a
   * read transaction is one): on a live database, a change committed between two reads — an event appended after
   * its chain was read, say — would otherwise look like tampering.
   */
  async verify(): Promise<VerifyReport> {
    const outer = this.em;
    const options = isPostgres(outer) ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {};
    return outer.fork().transactional(async (tx) => {
      this.em = tx;
      try {
        return await this.verifyIn();
      } finally {
        this.em = outer;
      }
    }, options);
  }

  private fork(): EntityManager {
    return this.em.fork({ keepTransactionContext: true });
  }

  private async verifyIn(): Promise<VerifyReport> {
    const checkpoints = await this.checkpoints();
    await this.chainsPass(checkpoints[0]?.number === 1 ? checkpoints[0].legacy : undefined);
    const unsealed = await this.rootsPass(checkpoints);
    const findings = this.findings.all();
    return { ok: findings.length === 0, findings, notes: this.notes, events: this.events, chains: this.chains, checkpoints: checkpoints.length, unsealed };
  }

  /** The checkpoint sequence to trust: each exported file where there is one (the database's copy must agree), else the row. */
  private async checkpoints(): Promise<CheckpointRecord[]> {
    const em = this.fork();
    const stored = new Map((await em.getRepository(AuditCheckpoint).all()).map((c) => [c.number, checkpointRecord(c)]));
    const dir = this.options.checkpointDir;
    const exported = dir ? readCheckpointDir(dir) : undefined;
    exported?.problems.forEach((p) => this.findings.add(p));
    const files = exported?.records ?? new Map<number, CheckpointRecord>();
    const keys = this.options.publicKeys ?? [];
    const lastFile = Math.max(0, ...files.keys());
    const last = Math.max(0, ...stored.keys(), lastFile);
    const reference: CheckpointRecord[] = [];
    let previous: CheckpointRecord | undefined;
    let lastSigned = 0;
    let verified = 0;
    for (let n = 1; n <= last; n++) {
      const row = stored.get(n);
      const file = files.get(n);
      if (!row && !file) {
        this.findings.add(`checkpoint ${n} is missing from the database${dir ? ' and from the exported files' : ''}: checkpoints were deleted (the numbers jump past ${n})`);
        previous = undefined;
        continue;
      }
      const record = (file ?? row)!;
      const signed = record.signature !== null && keys.some((k) => signatureHolds(signedText(checkpointBody(record)), record.signature!, k));
      if (dir && file && !row) this.findings.add(`checkpoint ${n} is in the exported files but not in the database: it was deleted from the database`);
      if (dir && row && !file) {
        if (n < lastFile || !signed) this.findings.add(`checkpoint ${n} is in the database but not in the exported files of ${dir}`);
        else this.notes.push(`checkpoint ${n} is signed but not yet in the exported files of ${dir}`);
      }
      if (row && file && (row.hash !== file.hash || row.signature !== file.signature || signedText(checkpointBody(row)) !== signedText(checkpointBody(file)))) {
        this.findings.add(`checkpoint ${n} in the database differs from its exported file: it was rewritten`);
      }
      if (checkpointHash(checkpointBody(record)) !== record.hash) this.findings.add(`checkpoint ${n} was altered: its hash does not match its content`);
      if (n === 1 && record.prevHash !== GENESIS_HASH) this.findings.add('checkpoint 1 does not start the checkpoint chain');
      if (previous && record.prevHash !== previous.hash) this.findings.add(`checkpoint ${n} does not link to checkpoint ${n - 1}`);
      if (previous && record.firstSeq !== previous.lastSeq + 1) this.findings.add(`checkpoint ${n} does not start where checkpoint ${n - 1} ended (seq ${previous.lastSeq + 1})`);
      if (record.signature !== null) {
        if (keys.length > 0 && !signed) this.findings.add(`checkpoint ${n}: its signature does not verify with the given public key${keys.length > 1 ? 's' : ''}`);
        if (signed) verified += 1;
        lastSigned = n;
      } else if (lastSigned > 0) {
        this.findings.add(`checkpoint ${n} is unsigned although checkpoint ${lastSigned} before it was signed`);
      }
      reference.push(record);
      previous = record;
    }
    const unsigned = reference.filter((c) => c.signature === null).length;
    if (keys.length > 0 && reference.length > 0 && lastSigned === 0) this.findings.add('no checkpoint is signed, yet a public key was given to check them with');
    if (keys.length > 0) this.notes.push(`${verified} of ${reference.length} checkpoint signature(s) verified with the given public key${keys.length > 1 ? 's' : ''}`);
    else if (reference.length > unsigned) this.notes.push('signatures not checked: no public key given (--public-key FILE)');
    if (unsigned > 0) this.notes.push(`${unsigned} checkpoint(s) unsigned (no AUDIT_SIGNING_KEY_FILE when they were written)`);
    if (!dir) this.notes.push('exported checkpoint files not compared: no directory given (--checkpoints DIR)');
    return reference;
  }

  private async chainsPass(legacySeal: LegacySeal | null | undefined): Promise<void> {
    this.legacySealed = Boolean(legacySeal);
    const repo = this.fork().getRepository(AuditEvent);
    let pending: ChainState[] = [];
    let current: ChainState | undefined;
    const finish = async (state: ChainState) => {
      this.chains += 1;
      if (state.chain === LEGACY) this.checkLegacySeal(state, legacySeal);
      pending.push(state);
      if (pending.length >= CHAIN_BATCH) {
        await this.checkBatch(pending);
        pending = [];
      }
    };
    for (let after: { chain: string; position: number } | undefined; ; ) {
      const batch = await repo.inChainOrder(after, EVENT_BATCH);
      for (const event of batch) {
        if (current?.chain !== event.chain) {
          if (current) await finish(current);
          current = { chain: event.chain, count: 0, lastHash: GENESIS_HASH, lastSeq: 0, covers: new Map() };
        }
        this.step(current, event);
      }
      if (batch.length < EVENT_BATCH) break;
      after = { chain: batch[batch.length - 1].chain, position: batch[batch.length - 1].position };
    }
    if (current) await finish(current);
    if (pending.length) await this.checkBatch(pending);
    await this.orphans();
  }

  private step(state: ChainState, event: AuditEvent): void {
    this.events += 1;
    const at = `event ${event.seq} (${chainName(state.chain)}, #${event.position})`;
    if (event.position !== state.count + 1) {
      if (event.position > state.count + 1) {
        const gap = event.position - state.count - 1;
        this.findings.add(`${chainName(state.chain)}: ${gap === 1 ? `event #${state.count + 1} is` : `events #${state.count + 1}–#${event.position - 1} are`} missing before ${at}: events were deleted`);
      } else this.findings.add(`${at}: a second event at that place in the chain`);
    }
    if (event.seq <= state.lastSeq) this.findings.add(`${at} is numbered before the event it follows: events were renumbered`);
    if (event.prevHash !== state.lastHash) this.findings.add(`${at} does not link to the event before it`);
    if (state.chain === LEGACY) {
      if (event.algorithm !== LEGACY_ALGORITHM || event.position !== event.seq || legacyEventHash(event.prevHash, event) !== event.hash) {
        this.findings.add(`${at} was altered: its hash does not match its content`);
      }
    } else if (!isAuditAlgorithm(event.algorithm)) {
      this.findings.add(`${at} names an unknown hash algorithm "${event.algorithm}"`);
    } else if (eventHash(event.algorithm, event.prevHash, event) !== event.hash) {
      this.findings.add(`${at} was altered: its hash does not match its content`);
    }
    for (const row of event.covers ?? []) {
      const key = coverKey(row);
      if (state.covers.has(key)) this.findings.add(`${at} covers ${row.kind} ${row.key} a second time`);
      else state.covers.set(key, { hash: row.hash, algorithm: event.algorithm, seq: event.seq, action: event.action, toState: event.toState, data: event.data });
    }
    if (event.toState) state.lastToState = event.toState;
    state.count = event.position;
    state.lastHash = event.hash;
    state.lastSeq = event.seq;
  }

  private checkLegacySeal(state: ChainState, seal: LegacySeal | null | undefined): void {
    if (!seal) return;
    if (seal.broken) this.findings.add(`the pre-upgrade chain was already broken when it was sealed: ${seal.broken}`);
    if (state.count < seal.events) this.findings.add(`the pre-upgrade chain was sealed with ${seal.events} events and ${state.count} remain: events were deleted from its end`);
    else if (state.count !== seal.events || state.lastHash !== seal.head) this.findings.add('the pre-upgrade chain does not end at the head sealed by checkpoint 1: it was rewritten');
  }

  /** Heads, item rows and item states of a batch of chains. */
  private async checkBatch(states: ChainState[]): Promise<void> {
    const em = this.fork();
    const heads = await em.getRepository(AuditHead).byChain(states.map((s) => s.chain));
    for (const state of states) {
      const head = heads.get(state.chain);
      const name = chainName(state.chain);
      // Before the first checkpoint, the upgrade's verdict on the old chain is in its head row only.
      if (head?.broken && !this.legacySealed) this.findings.add(`the pre-upgrade chain was already broken when it was sealed: ${head.broken}`);
      if (!head) this.findings.add(`${name}: the head row of its chain is missing`);
      else if (head.position > state.count) this.findings.add(`${name}: the chain head records ${head.position} events but ${state.count} remain: events were deleted from the end`);
      else if (head.position !== state.count || head.lastHash !== state.lastHash) this.findings.add(`${name}: the chain head does not match the chain's last event (#${state.count})`);
    }
    const items = new Map(states.filter((s) => s.chain.startsWith('item:')).map((s) => [s.chain.slice('item:'.length), s]));
    if (items.size === 0) return;
    const ids = [...items.keys()];
    const marks = ids.map(() => '?').join(', ');
    const records = await storedItemRecords(em, ids);
    const rows = new Map((await sql<{ id: string; state: string; revision: number | string }>(em, `select id, state, revision from items where id in (${marks})`, ids)).map((r) => [r.id, r]));
    const stateless = ids.filter((id) => !items.get(id)!.lastToState);
    const legacyStates = new Map<string, string>();
    if (stateless.length) {
      const legacy = await sql<{ item_id: string; to_state: string }>(
        em,
        `select item_id, to_state from audit_events where chain = ? and to_state is not null and item_id in (${stateless.map(() => '?').join(', ')}) order by seq`,
        [LEGACY, ...stateless],
      );
      for (const row of legacy) legacyStates.set(row.item_id, row.to_state);
    }
    for (const [id, state] of items) {
      const seen = new Set<string>();
      let lastRevision = 0;
      for (const record of records.get(id) ?? []) {
        const key = coverKey(record);
        seen.add(key);
        const cover = state.covers.get(key);
        if (!cover) {
          this.findings.add(`item ${id}: ${describe(record)} is not recorded by any audit event: it was added directly`);
          continue;
        }
        if (!isAuditAlgorithm(cover.algorithm) || recordHash(cover.algorithm, id, record) !== cover.hash) {
          this.findings.add(`item ${id}: ${describe(record)} was changed after event ${cover.seq} recorded it`);
        } else if (!recordedByItsEvent(record, cover)) {
          this.findings.add(`item ${id}: ${describe(record)} was recorded by event ${cover.seq} (${cover.action}), which is not the event of that ${record.kind}: it was added directly`);
        }
        if (record.kind === 'revision') lastRevision = Math.max(lastRevision, record.fields.number);
      }
      for (const [key, cover] of state.covers) {
        if (!seen.has(key)) this.findings.add(`item ${id}: ${key.replace(':', ' ')}, recorded by event ${cover.seq}, is missing: it was deleted`);
      }
      const row = rows.get(id);
      if (!row) {
        this.findings.add(`item ${id}: the item row is missing but its audit chain remains: it was deleted`);
        continue;
      }
      const expected = state.lastToState ?? legacyStates.get(id);
      if (expected && row.state !== expected) this.findings.add(`item ${id} is ${row.state} but its audit trail last moved it to ${expected}: the item row was changed`);
      if (lastRevision > 0 && Number(row.revision) !== lastRevision) this.findings.add(`item ${id} is at revision ${row.revision} but its audit trail records revision ${lastRevision} as the latest: the item row was changed`);
    }
    const revisions = await em.find(Revision, { item: { $in: ids } }, { populate: ['body'] });
    for (const revision of revisions) {
      if ((await revisionContentHash(em, revision)) !== revision.contentHash) {
        this.findings.add(`item ${revision.item.id}: the text of revision ${revision.number} no longer matches its content hash: it was edited`);
      }
    }
  }

  /** Items without a chain, and heads of chains that have no event left. */
  private async orphans(): Promise<void> {
    const em = this.fork();
    const items = await sql<{ id: string }>(em, "select id from items i where not exists (select 1 from audit_events e where e.chain = 'item:' || i.id) order by id limit 20");
    for (const item of items) this.findings.add(`item ${item.id} has no audit chain: it was added directly, or its events were deleted`);
    const heads = await sql<{ chain: string; position: number | string }>(em, 'select chain, position from audit_heads h where not exists (select 1 from audit_events e where e.chain = h.chain) order by chain limit 20');
    for (const head of heads) this.findings.add(`${chainName(head.chain)}: the chain head records ${head.position} events but none remain: they were deleted`);
  }

  /** Recomputes each checkpoint's Merkle root over the events now in its range; returns how many events came after the last. */
  private async rootsPass(checkpoints: CheckpointRecord[]): Promise<number> {
    const repo = this.fork().getRepository(AuditEvent);
    const lastSeq = await repo.lastSeq();
    for (const checkpoint of checkpoints) {
      const tree = new MerkleTree(checkpoint.algorithm);
      for (let after = checkpoint.firstSeq - 1; ; ) {
        const leaves = await repo.leaves(after, checkpoint.lastSeq, 5000);
        for (const leaf of leaves) tree.add(eventLeaf(leaf.seq, leaf.hash));
        if (leaves.length < 5000) break;
        after = leaves[leaves.length - 1].seq;
      }
      if (tree.root() === checkpoint.root && tree.size === checkpoint.events) continue;
      const range = `seq ${checkpoint.firstSeq}–${checkpoint.lastSeq}`;
      if (tree.size < checkpoint.events) {
        const end = lastSeq < checkpoint.lastSeq ? `; the database now ends at seq ${lastSeq}` : '';
        this.findings.add(`checkpoint ${checkpoint.number} sealed ${checkpoint.events} events (${range}) and ${tree.size} remain: events were deleted${end}`);
      }
      else if (tree.size > checkpoint.events) this.findings.add(`checkpoint ${checkpoint.number} sealed ${checkpoint.events} events (${range}) and ${tree.size} are there now: events were inserted`);
      else this.findings.add(`the events sealed by checkpoint ${checkpoint.number} (${range}) are not the ones it sealed: they were rewritten (hashes recomputed)`);
    }
    const sealedTo = checkpoints.length ? checkpoints[checkpoints.length - 1].lastSeq : 0;
    const [count] = await sql<{ n: number | string }>(this.fork(), 'select count(*) as n from audit_events where seq > ?', [sealedTo]);
    const unsealed = Number(count.n);
    if (unsealed > 0) this.notes.push(`${unsealed} event(s) after the last checkpoint${sealedTo ? ` (seq > ${sealedTo})` : ''} are not sealed yet: a checkpoint will cover them`);
    return unsealed;
  }
}

/** A revision is recorded by its submission, a decision by the transition it made; the first event of a migrated item covers all. */
function recordedByItsEvent(record: ItemRecord, cover: Cover): boolean {
  if (cover.action === 'audit.chain_started') return true;
  const data = cover.data;
  if (record.kind === 'revision') {
    return (cover.action === 'item.submitted' || cover.toState === 'submitted') && data.revision === record.fields.number;
  }
  const f = record.fields;
  return data.decision === f.decision && data.revision === f.revision && (data.level ?? 'admin') === f.level;
}
