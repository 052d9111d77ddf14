import { Injectable } from '@nestjs/common';
import { assertTransition, ItemState } from '@clearance/workflow';
import type { ScanResult } from '@clearance/scanner';
import { randomUUID } from 'node:crypto';
import { countBy } from '../common/count-by';
import { EVENT_COLUMNS, eventRowValues } from '../audit/audit-seal';
import { AuditInput, AuditService } from '../audit/audit.service';
import { itemRecordsFromJson, itemRecordsJsonSql } from '../audit/item-records';
import { dateParam, isPostgres, rawJson, sql } from '../database/raw-sql';
import { Tx } from '../database/transaction';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { ReviewDueSettings } from '../deadlines/review-due-settings';
import { HitSummary } from '../items/hit-groups';
import { ItemNotices } from '../notifications/item-notices';
import { DatabaseNotificationOutbox } from '../notifications/notification-outbox.service';

/** The item, its chain's head and its unit's time for 初审, read under the item's lock. */
interface LockedItem {
  state: string;
  revision: number | string;
  unit_id: string;
  head_position: number | string;
  head_last_hash: string;
  head_covered: unknown;
  due_filler: string | null;
  /** The item's stored revisions and decisions (item-records.ts), which the first event covers where no earlier one did. */
  records: unknown;
}

const SCAN_COLUMNS = 'id, revision_id, verdict, hits, hit_summary, keywords, attachments, lexicon_version, rules_version, duration_ms, created_at';
const DEADLINE_COLUMNS = 'id, item_id, unit_id, revision, level, started_at, remind_at, due_at';

export interface ReadyScan {
  result: ScanResult;
  summary: HitSummary;
}

/**
 * The common end of a scan: a revision without attachments whose verdict sends it to 初审. It writes what
 * ItemTransitions.move writes for submitted → scanning → awaiting_filler, with plain statements instead of the
 * unit of work, since every item comes this way: the scan row, the item's state, both audit events sealed onto
 * the item's chain (AuditService.itemEventsAfter), the notice to the fillers (ItemNotices) and the filler's
 * deadline (DeadlinesService), its delayed jobs after commit. One statement locks the item and reads what the
 * rows need; on PostgreSQL one more writes them all. Everything else — a block (its CMS callback), attachments,
 * a scan stored before — takes the general path of ItemTransitions; so does an item whose chain has no head
 * yet, for which this returns null having written nothing.
 *
 * The lock order is the general one: the item row, then its chain's head (`for update of i, h`, in that order).
 */
@Injectable()
export class ScanVerdicts {
  constructor(
    private readonly audit: AuditService,
    private readonly notices: ItemNotices,
    private readonly outbox: DatabaseNotificationOutbox,
    private readonly deadlines: DeadlinesService,
    private readonly dueSettings: ReviewDueSettings,
  ) {}

  async toFiller(tx: Tx, itemId: string, revisionNumber: number, revisionId: string, ready: ReadyScan): Promise<'skipped' | 'awaiting_filler' | null> {
    if (ready.result.verdict === 'block' || (ready.result.attachments ?? []).length > 0) throw new Error('ScanVerdicts.toFiller takes a text-only scan that does not block');
    const { em } = tx;
    const chain = `item:${itemId}`;
    const postgres = isPostgres(em);
    // The stored rows are read in the statement's snapshot: a row committed while this waited for the lock was
    // covered by the event of its own transaction, and the head read here (locked, so current) says so.
    const [item] = await sql<LockedItem>(
      em,
      `select i.state, i.revision, i.unit_id, h.position as head_position, h.last_hash as head_last_hash, h.covered as head_covered,
              (select d.filler from unit_review_due d where d.unit_id = i.unit_id) as due_filler, ${itemRecordsJsonSql(postgres, 'i.id')} as records
         from items i join audit_heads h on h.chain = ? where i.id = ?${postgres ? ' for update of i, h' : ''}`,
      [chain, itemId],
    );
    if (!item) return null;
    const state = item.state as ItemState;
    // Another run finished this scan first, or the item moved on (withdrawn, a newer revision): its state stands and this result is dropped.
    if (Number(item.revision) !== revisionNumber || (state !== 'submitted' && state !== 'scanning')) return 'skipped';

    const now = new Date();
    type Move = [from: ItemState, to: ItemState, data: Record<string, unknown>];
    const entered: Move = ['scanning', 'awaiting_filler', { verdict: ready.result.verdict, hitCounts: countBy(ready.result.hits.map((h) => h.category)) }];
    const moves: Move[] = state === 'submitted' ? [['submitted', 'scanning', {}], entered] : [entered];
    for (const [from, to] of moves) assertTransition(from, to);
    const inputs: Array<AuditInput & { itemId: string; at: Date }> = moves.map(([from, to, data]) => ({
      actor: 'system', action: 'item.state', itemId, fromState: from, toState: to, data: { revision: revisionNumber, ...data }, at: now,
    }));
    const records = itemRecordsFromJson(item.records);
    const events = this.audit.itemEventsAfter(
      { position: Number(item.head_position), lastHash: item.head_last_hash, covered: new Set(rawJson<string[]>(item.head_covered)) },
      inputs,
      records,
    );

    const moved = { id: itemId, revision: revisionNumber, stateChangedAt: now, unit: { id: item.unit_id } };
    const notice = this.notices.requestFor(moved, 'scanning', 'awaiting_filler', entered[2]);
    const deadline = { id: randomUUID(), ...this.deadlines.times(this.dueSettings.specOf(item.due_filler, 'filler'), now) };

    const at = dateParam(em, now);
    const r = ready.result;
    const scanRow = [
      randomUUID(), revisionId, r.verdict, JSON.stringify(r.hits), JSON.stringify(ready.summary), JSON.stringify(r.keywords), '[]',
      r.lexiconVersion, r.rulesVersion, Math.round(r.durationMs), at,
    ];
    const eventRows = events.events.flatMap((e) => eventRowValues(e, dateParam(em, e.at)));
    const eventValues = events.events.map(() => `(${EVENT_COLUMNS.split(', ').map(() => '?').join(', ')})`).join(', ');
    const head = [events.head.position, events.head.lastHash, events.head.covered, chain];
    const deadlineRow = [deadline.id, itemId, item.unit_id, revisionNumber, 'filler', dateParam(em, deadline.startedAt), dateParam(em, deadline.remindAt), dateParam(em, deadline.dueAt)];
    const statements: Array<[string, unknown[]]> = [
      [`insert into scans (${SCAN_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, scanRow],
      [`update items set state = 'awaiting_filler', state_changed_at = ?, version = version + 1 where id = ?`, [at, itemId]],
      [`insert into audit_events (${EVENT_COLUMNS}) values ${eventValues}`, eventRows],
      ['update audit_heads set position = ?, last_hash = ?, covered = ? where chain = ?', head],
      [`insert into review_deadlines (${DEADLINE_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`, deadlineRow],
    ];
    if (notice) {
      const outboxRow = this.outbox.insertStatement(em, notice.kind, notice);
      statements.push([outboxRow.text, outboxRow.params]);
    }
    if (postgres) {
      // Data-modifying CTEs: one round trip, atomic with the rest of the transaction.
      await sql(em, `with ${statements.map(([text], k) => `w${k} as (${text})`).join(', ')} select 1`, statements.flatMap(([, params]) => params));
    } else {
      for (const [text, params] of statements) await sql(em, text, params);
    }
    tx.afterCommit(() => this.deadlines.schedule(deadline));
    if (notice) this.outbox.queued();
    return 'awaiting_filler';
  }
}
