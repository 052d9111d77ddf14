import { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { awaitingState, DueSpec, dueAt, ITEM_STATES, Level, LEVEL_LABELS, LEVELS, levelOf, reminderAt } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { inTransaction, lockItem, Tx } from '../database/transaction';
import { Item } from '../items/entities/item.entity';
import { ItemTransitions, TransitionEvent } from '../items/item-transitions.service';
import { NotificationAudience, NotificationOutbox } from '../notifications/notification-request';
import { deadlineJobId, DeadlineJob, QUEUES } from '../queue/queues';
import { CurrentFacts, isCurrent } from './current-deadline';
import { ReviewDeadline } from './entities/review-deadline.entity';
import { ReviewDueSettings } from './review-due-settings';

/** What the queue, the item page and the report show of an item's current level. */
export interface DueFacts {
  level: Level;
  dueAt: Date;
  overdue: boolean;
}

/** Deadlines a sweep acts on at most per pass; the rest wait for the next pass (or their delayed jobs). */
const SWEEP_BATCH = 200;
/** A delayed job may run a little before its time on a worker whose clock is behind: it waits that out. */
const EARLY_TOLERANCE_MS = 5000;

/**
 * Each level's due time: recorded when an item enters an awaiting level, closed when it leaves. At half time the
 * level's reviewers get due_soon; at the due time, overdue, and the level above (for 初审, the leader; else the
 * unit's secrecy administrators) escalated — each once. Delayed jobs, one stage after the other, make that happen
 * within seconds; the reconciler's sweep catches what Redis lost. A timer only writes notifications: it never moves an item.
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: ItemTransitions,
    private readonly settings: ReviewDueSettings,
    private readonly outbox: NotificationOutbox,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.deadline) private readonly queue: Queue<DeadlineJob['data'], unknown, DeadlineJob['name']>,
  ) {}

  onModuleInit(): void {
    // Every state: whatever an item enters, the deadline of the level it left is over.
    for (const state of ITEM_STATES) this.transitions.onEnter(state, (e) => this.onTransition(e));
  }

  /**
   * Entering a level opens its deadline, started at the item's own state change. Leaving one writes nothing here:
   * a deadline counts only while it is current (see isCurrent), and its timer closes it once it finds it over,
   * so a decision's transaction touches no deadline row it does not create.
   */
  private async onTransition({ tx, item, to }: TransitionEvent): Promise<void> {
    const level = levelOf(to);
    if (level) await this.open(tx, item, level, item.stateChangedAt);
  }

  private async open(tx: Tx, item: Item, level: Level, startedAt: Date): Promise<void> {
    const deadline = tx.em.create(ReviewDeadline, { item: item.id, unit: item.unit.id, revision: item.revision, level, ...this.times(await this.settings.specFor(tx.em, item.unit.id, level), startedAt) });
    tx.afterCommit(() => this.schedule(deadline));
  }

  /** When a level entered at `startedAt` is reminded of and due, by the unit's spec (ReviewDueSettings). */
  times(spec: DueSpec, startedAt: Date): { startedAt: Date; remindAt: Date; dueAt: Date } {
    const { calendar, timeZone } = this.config.deadlines;
    const due = dueAt(startedAt, spec, calendar, timeZone);
    return { startedAt, remindAt: reminderAt(startedAt, due), dueAt: due };
  }

  /** Items that were waiting at a level before deadlines existed (an upgrade) get theirs, counted from their arrival. */
  private async backfill(): Promise<number> {
    const em = this.em.fork() as unknown as SqlEntityManager;
    // Items with no deadline at all: every item that entered a level since this feature has one, current or not.
    const withDeadline = em.createQueryBuilder(ReviewDeadline, 'd').select('d.item_id').getKnexQuery();
    const waiting = await em.find(Item, { state: { $in: LEVELS.map(awaitingState) }, id: { $nin: withDeadline } } as unknown as FilterQuery<Item>, { limit: SWEEP_BATCH, fields: ['id'] });
    let opened = 0;
    for (const { id } of waiting) {
      opened += await inTransaction(this.em, async (tx) => {
        const item = await lockItem(tx.em, id);
        const level = item && levelOf(item.state);
        if (!item || !level || (await tx.em.count(ReviewDeadline, { item: id })) > 0) return 0;
        await this.open(tx, item, level, item.stateChangedAt);
        return 1;
      });
    }
    return opened;
  }

  /**
   * The delayed job of the first stage, the reminder at half time; the job of the due time is added when the
   * reminder has fired (fire), so a level decided within half its time, the common case, leaves one job, not two.
   * Ids derive from the deadline and its stage: a second schedule collapses into the first. What Redis loses, the
   * reconciler's sweep fires from the database.
   */
  schedule(deadline: Pick<ReviewDeadline, 'id' | 'remindAt'>): Promise<unknown> {
    return this.scheduleStage(deadline.id, 'remind', deadline.remindAt);
  }

  private scheduleStage(deadlineId: string, stage: 'remind' | 'due', at: Date): Promise<unknown> {
    return this.queue.add('deadline-due', { deadlineId }, { jobId: deadlineJobId(deadlineId, stage), delay: Math.max(0, at.getTime() - Date.now()), attempts: 5 });
  }

  /** Writes what has come due of one deadline, if the item still waits at that level of that revision. */
  async fire(deadlineId: string): Promise<'reminded' | 'escalated' | 'nothing'> {
    const peek = await this.em.fork().findOne(ReviewDeadline, { id: deadlineId });
    if (!peek || peek.closedAt) return 'nothing';
    const early = (peek.remindedAt ? peek.dueAt : peek.remindAt).getTime() - Date.now();
    if (early > 0 && early <= EARLY_TOLERANCE_MS) await new Promise((resolve) => setTimeout(resolve, early));
    return inTransaction(this.em, async (tx) => {
      const item = await lockItem(tx.em, peek.item.id);
      const deadline = await tx.em.findOne(ReviewDeadline, { id: deadlineId }, { refresh: true });
      if (!item || !deadline || deadline.closedAt) return 'nothing';
      if (!isCurrent(deadline, item)) {
        // The level was decided (or left) before this stage came due: the deadline is over, and nobody is told.
        deadline.closedAt = new Date();
        return 'nothing';
      }
      const acted = await this.act(tx, item, deadline, new Date());
      // Still waiting for its due time (the reminder just sent, or sent by the sweep before this job ran): its job next.
      if (!deadline.escalatedAt) tx.afterCommit(() => this.scheduleStage(deadline.id, 'due', deadline.dueAt));
      return acted;
    });
  }

  private async act(tx: Tx, item: Item, deadline: ReviewDeadline, now: Date): Promise<'reminded' | 'escalated' | 'nothing'> {
    const { em } = tx;
    const detail = { level: deadline.level, levelLabel: LEVEL_LABELS[deadline.level], revision: deadline.revision, startedAt: deadline.startedAt.toISOString(), dueAt: deadline.dueAt.toISOString() };
    const base = { itemId: item.id, unitId: deadline.unit.id };
    if (now >= deadline.dueAt) {
      if (deadline.escalatedAt) return 'nothing';
      deadline.escalatedAt = now;
      await this.outbox.enqueue(em, { ...base, kind: 'overdue', audience: { level: deadline.level }, dedupeKey: `overdue:${deadline.id}`, detail });
      const to: NotificationAudience = deadline.level === 'filler' ? { level: 'leader' } : { role: 'admin' };
      await this.outbox.enqueue(em, { ...base, kind: 'escalated', audience: to, dedupeKey: `escalated:${deadline.id}`, detail: { ...detail, escalatedTo: 'level' in to ? to.level : 'admin' } });
      // Who was told, and when, is part of 谁审核、谁负责: recorded in the item's chain.
      await this.audit.append(em, { actor: 'system', action: 'item.overdue', itemId: item.id, data: { deadlineId: deadline.id, ...detail, escalatedTo: 'level' in to ? to.level : 'admin' } });
      return 'escalated';
    }
    if (now >= deadline.remindAt && !deadline.remindedAt) {
      deadline.remindedAt = now;
      await this.outbox.enqueue(em, { ...base, kind: 'due_soon', audience: { level: deadline.level }, dedupeKey: `due_soon:${deadline.id}`, detail });
      return 'reminded';
    }
    return 'nothing';
  }

  /** The reconciler's pass: every open deadline with a stage come due and not yet written, whatever Redis holds. */
  async sweep(): Promise<number> {
    const opened = await this.backfill();
    const now = new Date();
    const due = await this.em.fork().find(ReviewDeadline, {
      closedAt: null,
      $or: [{ escalatedAt: null, dueAt: { $lte: now } }, { remindedAt: null, remindAt: { $lte: now }, dueAt: { $gt: now } }],
    }, { orderBy: { dueAt: 'asc' }, limit: SWEEP_BATCH, fields: ['id'] });
    let acted = 0;
    for (const { id } of due) {
      try {
        if ((await this.fire(id)) !== 'nothing') acted++;
      } catch (error) {
        this.logger.warn(`deadline ${id}: ${(error as Error).message}`);
      }
    }
    return opened + acted;
  }

  /** The current deadline of each item, for the queue, the items list and the item page. */
  async openFor(em: EntityManager, items: ReadonlyArray<CurrentFacts & { id: string }>, now = new Date()): Promise<Map<string, DueFacts>> {
    if (items.length === 0) return new Map();
    const byId = new Map(items.map((i) => [i.id, i]));
    const rows = await em.find(ReviewDeadline, { item: { $in: [...byId.keys()] }, closedAt: null });
    const current = rows.filter((d) => isCurrent(d, byId.get(d.item.id)!));
    return new Map(current.map((d) => [d.item.id, { level: d.level, dueAt: d.dueAt, overdue: d.dueAt <= now }]));
  }

}
