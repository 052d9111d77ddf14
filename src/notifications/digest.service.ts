import { EntityManager } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Level } from '@clearance/workflow';
import { Unit } from '../auth/entities/unit.entity';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { inTransaction } from '../database/transaction';
import { Setting } from '../database/setting.entity';
import { ReviewDeadline } from '../deadlines/entities/review-deadline.entity';
import { Item } from '../items/entities/item.entity';
import { Revision } from '../items/entities/revision.entity';
import { QUEUES } from '../queue/queues';
import { buildUnitReport } from '../reports/reports.service';
import { cronOf, DigestPeriod, owedPeriodKey, periodKey } from './digest-periods';
import type { NotificationContent, Segment } from './entities/notification.entity';
import { DatabaseNotificationOutbox } from './notification-outbox.service';
import { formatTime, LEVEL_NAMES } from './notice-text';

const LEVELS: Level[] = ['filler', 'leader', 'chief'];
/** Items named one by one in a daily digest, oldest first; the rest are counted. */
const LISTED = 10;
const DAY_MS = 86_400_000;

const ours = (t: string): Segment => ({ t });
const theirs = (u: string): Segment => ({ u });

function waited(since: Date, now: Date): string {
  const hours = Math.floor((now.getTime() - since.getTime()) / 3_600_000);
  return hours >= 48 ? `${Math.floor(hours / 24)} 天` : hours >= 1 ? `${hours} 小时` : '不到 1 小时';
}

/**
 * 每天一小报、一周一通报: to each unit's leaders and chiefs (and its robots), what waits and what is overdue every
 * day, the week's figures every week. One outbox row per unit and period (`digest:<period>:<unit>:<date|week>`),
 * so several workers, a repeated scheduler run or a catch-up write each digest once.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: DatabaseNotificationOutbox,
    @InjectQueue(QUEUES.notice) private readonly queue: Queue,
  ) {}

  /** Puts BullMQ's schedulers in line with the configuration (an `off` digest has none). */
  async schedule(): Promise<void> {
    const { dailyAt, weeklyAt, timeZone } = this.config.notifications;
    for (const [period, spec] of [['daily', dailyAt], ['weekly', weeklyAt]] as const) {
      const id = `digest-${period}`;
      if (!spec) await this.queue.removeJobScheduler(id);
      else await this.queue.upsertJobScheduler(id, { pattern: cronOf(spec), tz: timeZone }, { name: 'digest', data: { period } });
    }
  }

  /** For the reconciler: writes a digest whose time has come in this period but that no run wrote (workers down, Redis lost). */
  async catchUp(now = new Date()): Promise<number> {
    let count = 0;
    const { dailyAt, weeklyAt, timeZone } = this.config.notifications;
    for (const [period, spec] of [['daily', dailyAt], ['weekly', weeklyAt]] as const) {
      const key = spec && owedPeriodKey(period, spec, now, timeZone);
      if (!key) continue;
      const done = await this.em.fork().findOne(Setting, { key: `digest:${period}` });
      if (done?.value === key) continue;
      // A service that never wrote a digest starts with the next scheduled one, not a digest at its first start.
      if (!done) {
        await this.remember(period, key);
        continue;
      }
      await this.run(period, now);
      count++;
    }
    return count;
  }

  /** Writes the period's digest of every unit; returns how many were queued. */
  async run(period: DigestPeriod, now = new Date()): Promise<number> {
    const key = periodKey(period, now, this.config.notifications.timeZone);
    const units = await this.em.fork().find(Unit, {}, { orderBy: { code: 'asc' } });
    let queued = 0;
    for (const unit of units) {
      const content = period === 'daily' ? await this.daily(unit, now, key) : await this.weekly(unit, now, key);
      if (!content) continue;
      await inTransaction(this.em, ({ em }) =>
        this.outbox.enqueueDigest(em, period === 'daily' ? 'digest_daily' : 'digest_weekly', {
          unitId: unit.id,
          audience: { levels: ['leader', 'chief'] },
          dedupeKey: `digest:${period}:${unit.id}:${key}`,
          detail: { period: key, content },
        }),
      );
      queued++;
    }
    await this.remember(period, key);
    this.logger.log(`${period} digest ${key}: ${queued} unit(s)`);
    return queued;
  }

  /** The last period written, so the catch-up knows what is owed. */
  private remember(period: DigestPeriod, key: string): Promise<void> {
    return inTransaction(this.em, async ({ em }) => {
      const row = await em.findOne(Setting, { key: `digest:${period}` });
      if (row) row.value = key;
      else em.create(Setting, { key: `digest:${period}`, value: key });
    });
  }

  /** What waits at each level and what is overdue; null when nothing waits (no digest is better than an empty one). */
  async daily(unit: Unit, now: Date, key: string): Promise<NotificationContent | null> {
    const em = this.em.fork();
    const waiting = await em.find(Item, { unit: unit.id, state: { $in: LEVELS.map((l) => `awaiting_${l}` as const) } }, { orderBy: { stateChangedAt: 'asc' } });
    if (waiting.length === 0) return null;
    const open = await em.find(ReviewDeadline, { unit: unit.id, closedAt: null, item: { $in: waiting.map((i) => i.id) } });
    const dueOf = new Map(open.map((d) => [`${d.item.id}:${d.level}`, d.dueAt]));
    const levelOf = (item: Item) => item.state.slice('awaiting_'.length) as Level;
    const overdue = waiting.filter((i) => (dueOf.get(`${i.id}:${levelOf(i)}`)?.getTime() ?? Infinity) < now.getTime());
    const counts = LEVELS.map((l) => `待${LEVEL_NAMES[l].step} ${waiting.filter((i) => levelOf(i) === l).length} 件`).join('、');
    const titles = await this.titles(em, waiting.slice(0, LISTED));
    const lines: Segment[][] = [[ours(`截至 ${formatTime(now, this.config.notifications.timeZone)}，${counts}；其中已超时 ${overdue.length} 件。`)]];
    for (const item of waiting.slice(0, LISTED)) {
      const due = dueOf.get(`${item.id}:${levelOf(item)}`);
      const late = due && due.getTime() < now.getTime() ? '，已超时' : due ? `，应于 ${formatTime(due, this.config.notifications.timeZone)} 前完成` : '';
      lines.push([ours('《'), theirs(titles.get(item.id) ?? item.externalId), ours(`》待${LEVEL_NAMES[levelOf(item)].step}，已等待 ${waited(item.stateChangedAt, now)}${late}`)]);
    }
    if (waiting.length > LISTED) lines.push([ours(`另有 ${waiting.length - LISTED} 件，请在审核页面查看。`)]);
    return { subject: [ours('【每日待审】'), theirs(unit.name), ours(` ${key}`)], lines, link: `${this.config.publicUrl}/#/queue`, linkText: '打开我的待审' };
  }

  /** The week's figures, from the same numbers as the unit's report (统计报表). */
  async weekly(unit: Unit, now: Date, key: string): Promise<NotificationContent | null> {
    const report = await buildUnitReport(this.em.fork(), unit, { from: new Date(now.getTime() - 7 * DAY_MS), to: now });
    const p = report.inPeriod;
    if (p.received === 0 && report.now.awaitingReview === 0 && p.entered.published === 0) return null;
    const times = LEVELS.map((l) => `${LEVEL_NAMES[l].step} ${p.reviewTimes[l].medianMinutes ?? '—'} 分钟`).join('、');
    const lines: Segment[][] = [
      [ours(`近 7 天收到稿件 ${p.received} 件，发布 ${p.entered.published} 件，退回 ${p.entered.rejected} 件，报保密办 ${p.entered.referred} 件，拦截 ${p.entered.blocked} 件，撤稿 ${p.recalls} 件；扫描 ${p.scans.total} 次。`)],
      [ours(`目前待审 ${report.now.awaitingReview} 件${report.now.oldestWaitingSince ? `，等待最久的已 ${waited(report.now.oldestWaitingSince, now)}` : ''}。`)],
      [ours(`各级审核用时（中位数）：${times}。`)],
    ];
    return { subject: [ours('【一周通报】'), theirs(unit.name), ours(` ${key}`)], lines, link: `${this.config.publicUrl}/#/report`, linkText: '打开统计报表' };
  }

  private async titles(em: EntityManager, items: Item[]): Promise<Map<string, string>> {
    if (items.length === 0) return new Map();
    const revisions = await em.find(Revision, { $or: items.map((i) => ({ item: i.id, number: i.revision })) }, { fields: ['item', 'title'] });
    return new Map(revisions.map((r) => [r.item.id, r.title]));
  }
}
