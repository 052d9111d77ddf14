import { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { assertMayReadReports, ITEM_STATES, ItemState, Level, LevelTimes, ReportPeriod, reportPeriod, reviewTimes, TransitionRecord } from '@clearance/workflow';
import { CATEGORIES, type Category, type Verdict } from '@clearance/scanner';
import { AuditEvent } from '../audit/audit-event.entity';
import { Unit } from '../auth/entities/unit.entity';
import { countOverdue, OverdueCounts } from '../deadlines/overdue-counts';
import { actorOf, UserPrincipal } from '../auth/principal';
import { Item } from '../items/entities/item.entity';
import { Scan } from '../items/entities/scan.entity';

const AWAITING: readonly ItemState[] = ['awaiting_filler', 'awaiting_leader', 'awaiting_chief'];
/** Item ids are looked up in slices, well under every driver's limit on bound parameters. */
const ID_SLICE = 500;
/** Audit events that moved an item (not channel or user changes). */
const TRANSITIONS = { toState: { $ne: null } };

export interface UnitReport {
  unit: { code: string; name: string };
  period: { from: Date; to: Date };
  /** Where the unit's items stand at the moment of the report (在审、已发布 …). */
  now: { byState: Record<ItemState, number>; awaitingReview: number; oldestWaitingSince: Date | null; overdue: OverdueCounts };
  /** What happened inside the period. */
  inPeriod: {
    /** New items received from the CMS. */
    received: number;
    /** Times items entered each state: new revisions (submitted), blocks, rejections, releases, recalls … */
    entered: Record<ItemState, number>;
    /** 撤稿: released revisions taken down, whether the item ended recalled or a newer revision was already in review. */
    recalls: number;
    scans: { total: number; byVerdict: Record<Verdict, number>; hitsByCategory: Record<Category, number>; hitsByRule: Record<string, number> };
    /** How long each level held items before deciding, in minutes. */
    reviewTimes: Record<Level, LevelTimes>;
    /** Levels whose due time passed inside the period (each escalated once). */
    overdue: number;
  };
}

/** The reports of the caller's own unit, for those who answer for its reviews. */
@Injectable()
export class ReportsService {
  constructor(private readonly em: EntityManager) {}

  async unitReport(user: UserPrincipal, fromText: string | undefined, toText: string | undefined, now = new Date()): Promise<UnitReport> {
    assertMayReadReports(actorOf(user));
    const period = reportPeriod(fromText, toText, now);
    const em = this.em.fork();
    return buildUnitReport(em, await em.findOneOrFail(Unit, { id: user.unitId }), period);
  }
}

/**
 * A unit's figures for its daily and weekly bulletins and its annual report (每天一小报、一周一通报,
 * 年度报告): where its items stand now, and what the period brought, all read from the database.
 */
export async function buildUnitReport(em: EntityManager, unit: Unit, { from, to }: ReportPeriod): Promise<UnitReport> {
  // Both drivers are knex-based: the unit's items as a sub-query, not a list of ids.
  const unitItems = (em as unknown as SqlEntityManager).createQueryBuilder(Item, 'i').select('i.id').where({ unit: unit.id }).getKnexQuery();
  const transitionsInPeriod = { itemId: { $in: unitItems }, at: { $gte: from, $lt: to }, ...TRANSITIONS } as unknown as FilterQuery<AuditEvent>;

  const recallsWhileInReview = { itemId: { $in: unitItems }, at: { $gte: from, $lt: to }, action: 'item.release_recalled' } as unknown as FilterQuery<AuditEvent>;
  const overdueInPeriod = { itemId: { $in: unitItems }, at: { $gte: from, $lt: to }, action: 'item.overdue' } as unknown as FilterQuery<AuditEvent>;
  const [current, events, scans, laterRecalls, overdueNow, overdue] = await Promise.all([
    em.find(Item, { unit: unit.id }, { fields: ['state', 'stateChangedAt'] }),
    em.find(AuditEvent, transitionsInPeriod, { fields: ['itemId', 'at', 'fromState', 'toState', 'action'] }),
    em.find(Scan, { createdAt: { $gte: from, $lt: to }, revision: { item: { unit: unit.id } } }, { fields: ['verdict', 'hits'] }),
    em.count(AuditEvent, recallsWhileInReview),
    countOverdue(em, unit.id),
    em.count(AuditEvent, overdueInPeriod),
  ]);

  const waiting = current.filter((i) => AWAITING.includes(i.state)).map((i) => i.stateChangedAt.getTime());
  return {
    unit: { code: unit.code, name: unit.name },
    period: { from, to },
    now: {
      byState: countBy(ITEM_STATES, current.map((i) => i.state)),
      awaitingReview: waiting.length,
      oldestWaitingSince: waiting.length ? new Date(Math.min(...waiting)) : null,
      overdue: overdueNow,
    },
    inPeriod: {
      received: events.filter((e) => e.action === 'item.submitted').length,
      entered: countBy(ITEM_STATES, events.map((e) => e.toState as ItemState)),
      recalls: events.filter((e) => e.toState === 'recalled').length + laterRecalls,
      scans: scanFigures(scans),
      reviewTimes: reviewTimes(await reviewEvents(em, events, to), from, to),
      overdue,
    },
  };
}

/** Every transition, up to the end of the period, of the items that left a review level inside it: arrivals may predate the period. */
async function reviewEvents(em: EntityManager, inPeriod: Array<Pick<AuditEvent, 'itemId' | 'fromState'>>, to: Date): Promise<TransitionRecord[]> {
  const ids = [...new Set(inPeriod.filter((e) => e.fromState && AWAITING.includes(e.fromState as ItemState)).map((e) => e.itemId!))];
  const found: TransitionRecord[] = [];
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const slice = await em.find(AuditEvent, { itemId: { $in: ids.slice(i, i + ID_SLICE) }, at: { $lt: to }, ...TRANSITIONS } as FilterQuery<AuditEvent>, { fields: ['itemId', 'at', 'fromState', 'toState'] });
    found.push(...slice.map((e) => ({ itemId: e.itemId!, at: e.at, fromState: e.fromState, toState: e.toState })));
  }
  return found;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const value of values) if (value in counts) counts[value] += 1;
  return counts;
}

function scanFigures(scans: Array<Pick<Scan, 'verdict' | 'hits'>>): UnitReport['inPeriod']['scans'] {
  const hits = scans.flatMap((s) => s.hits);
  const hitsByCategory = countBy(CATEGORIES, hits.map((h) => h.category));
  const hitsByRule: Record<string, number> = {};
  for (const hit of hits) {
    hitsByRule[hit.ruleId] = (hitsByRule[hit.ruleId] ?? 0) + 1;
  }
  return { total: scans.length, byVerdict: countBy(['pass', 'review', 'block'] as const, scans.map((s) => s.verdict)), hitsByCategory, hitsByRule };
}
