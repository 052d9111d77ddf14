import { EntityManager } from '@mikro-orm/core';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { awaitingState, canView, DomainError, ForbiddenActError, ItemState, ITEM_STATES, Level, LEVELS } from '@clearance/workflow';
import type { Hit, Verdict } from '@clearance/scanner';
import { actorOf, UserPrincipal } from '../auth/principal';
import { dateParam, isPostgres, rawDate, rawJson } from '../database/raw-sql';
import { countBy } from '../common/count-by';
import { ItemListQueryDto, ListSort } from './dto/item-list-query.dto';
import { categoryCounts } from './hit-counts';
import type { HitGroup } from './hit-groups';
import { ftsQuery, searchTerms, SELECTIVE_MATCHES, whereText } from './item-search';
import { queueScope } from './queue-scope';
import { DeadlinesService } from '../deadlines/deadlines.service';

export interface ItemListRow {
  id: string;
  externalId: string;
  title: string;
  state: ItemState;
  /** The level the item waits at (the admin's for blocked and referred items), or null when it waits at none. */
  level: Level | 'admin' | null;
  revision: number;
  verdict: Verdict | null;
  hitCounts: Record<string, number>;
  /** The CMS (API client) that submitted the item, and the author it named. */
  submitter: string;
  author: string | null;
  channels: string[];
  unit: string;
  submittedAt: Date;
  updatedAt: Date;
  /** When the level it waits at is due (null when it waits at none), and whether that has passed. */
  dueAt: Date | null;
  overdue: boolean;
}

export interface ItemListPage {
  items: ItemListRow[];
  nextCursor: string | null;
}

interface ListCursor {
  sort: ListSort;
  order: 'asc' | 'desc';
  at: string;
  id: string;
}

/** Each sort reads one table's index in order: (unit_id, time, id) of item_search or of items, so a page costs its rows. */
const SORT_KEYS: Record<ListSort, { unit: string; time: string; id: string }> = {
  submitted: { unit: 't.unit_id', time: 't.submitted_at', id: 't.item_id' },
  updated: { unit: 'i.unit_id', time: 'i.state_changed_at', id: 'i.id' },
};
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** A list bound: a date (a whole day in UTC+8; as `to`, that day is included) or a timestamp with a zone. */
function listBound(text: string, field: 'from' | 'to'): Date {
  const dateOnly = DATE_ONLY.test(text);
  if (!dateOnly && !TIMESTAMP.test(text)) throw new DomainError('invalid', `${field} must be a date (2026-11-01) or a timestamp with a zone (2026-11-01T08:00:00+08:00)`, field);
  const at = new Date(dateOnly ? `${text}T00:00:00+08:00` : text);
  const real = !Number.isNaN(at.getTime()) && (!dateOnly || new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) === text);
  if (!real) throw new DomainError('invalid', `${field} is not a real date: ${text}`, field);
  return dateOnly && field === 'to' ? new Date(at.getTime() + DAY_MS) : at;
}

const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string, sort: ListSort, order: 'asc' | 'desc'): ListCursor {
  let c: Partial<ListCursor> | undefined;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ListCursor>;
  } catch {
    // refused below
  }
  if (!c || typeof c.at !== 'string' || typeof c.id !== 'string' || Number.isNaN(Date.parse(c.at)) || !/^[0-9a-f-]{1,64}$/i.test(c.id)) {
    throw new DomainError('invalid', 'cursor is not a cursor this service returned', 'cursor');
  }
  if (c.sort !== sort || c.order !== order) throw new DomainError('invalid', `cursor belongs to another sort order (${c.sort} ${c.order}); start again without it`, 'cursor');
  return c as ListCursor;
}

function waitingLevel(state: ItemState): Level | 'admin' | null {
  if (state === 'blocked' || state === 'referred') return 'admin';
  return LEVELS.find((level) => awaitingState(level) === state) ?? null;
}

function statesOfLevel(level: Level | 'admin'): ItemState[] {
  return level === 'admin' ? ['blocked', 'referred'] : [awaitingState(level)];
}

type Row = Record<string, unknown>;

/** The items list (全部 / 已办 / 待我审核) of the caller's unit, with filters, free-text search and keyset paging. */
@Injectable()
export class ItemListService {
  constructor(private readonly em: EntityManager, private readonly deadlines: DeadlinesService) {}

  /** The page's query (limit + 1 rows), or null when the filters leave nothing to ask for; exported for the benchmark's plans. */
  async build(em: SqlEntityManager, user: UserPrincipal, query: ItemListQueryDto): Promise<{ q: Knex.QueryBuilder; sort: ListSort; order: 'asc' | 'desc'; limit: number } | null> {
    if (!canView(actorOf(user), user.unitId)) throw new ForbiddenActError('a person with no role sees no items');
    const postgres = isPostgres(em);
    const knex = em.getKnex();
    const sort = query.sort ?? 'submitted';
    const order = query.order ?? 'desc';
    const limit = query.limit ?? 50;
    const from = query.from === undefined ? undefined : listBound(query.from, 'from');
    const to = query.to === undefined ? undefined : listBound(query.to, 'to');
    if (from && to && from >= to) throw new DomainError('invalid', 'from must be before to', 'from');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort, order);

    const q = knex('items as i')
      .join('item_search as t', 't.item_id', 'i.id')
      .join('units as u', 'u.id', 'i.unit_id')
      .join('api_clients as c', 'c.id', 'i.client_id')
      .leftJoin('revisions as r', (j) => j.on('r.item_id', 'i.id').andOn('r.number', 'i.revision'))
      .leftJoin('scans as s', 's.revision_id', 'r.id')
      // The unit's own items only; another unit's never appear, whatever the filters say.
      .where(SORT_KEYS[sort].unit, user.unitId)
      .select('i.id', 'i.external_id', 'i.state', 'i.revision', 'i.channels', 'i.author', 'i.state_changed_at', 't.title', 't.submitted_at', 'u.code as unit_code', 'c.name as client_name', 's.verdict')
      // Counts come from the groups of the summary stored with the scan; the full hits column (megabytes for a large
      // document) only for a scan stored before summaries were.
      .select(knex.raw(postgres ? "s.hit_summary -> 'groups' as hit_groups" : "json_extract(s.hit_summary, '$.groups') as hit_groups"))
      .select(knex.raw('case when s.hit_summary is null then s.hits end as hits'));

    let states: ItemState[] | undefined = query.state ? [...new Set(query.state.split(',').map((s) => s.trim() as ItemState))] : undefined;
    if (query.level) states = (states ?? [...ITEM_STATES]).filter((s) => statesOfLevel(query.level!).includes(s));
    if (query.view === 'mine') {
      const scope = await queueScope(em, user);
      states = (states ?? scope.states).filter((s) => scope.states.includes(s));
      if (scope.barred.length) q.whereNotIn('i.id', scope.barred);
    }
    if (states) {
      if (states.length === 0) return null;
      q.whereIn('i.state', states);
    }
    if (query.view === 'done') q.whereExists(knex('decisions as d').select(knex.raw('1')).whereRaw('d.item_id = i.id').andWhere('d.user_id', user.userId));
    if (query.verdict) q.where('s.verdict', query.verdict);
    if (query.category) {
      if (postgres) q.whereRaw('s.hits @> cast(? as jsonb)', [JSON.stringify([{ category: query.category }])]);
      else q.whereRaw("exists (select 1 from json_each(s.hits) h where json_extract(h.value, '$.category') = ?)", [query.category]);
    }
    if (query.channel) {
      if (postgres) q.whereRaw('i.channels @> cast(? as jsonb)', [JSON.stringify([query.channel])]);
      else q.whereRaw('exists (select 1 from json_each(i.channels) ch where ch.value = ?)', [query.channel]);
    }
    if (from) q.where('t.submitted_at', '>=', dateParam(em, from));
    if (to) q.where('t.submitted_at', '<', dateParam(em, to));
    const terms = searchTerms(query.q);
    const match = postgres ? null : ftsQuery(terms);
    // Counting stops one past the bound: a common term costs that many index entries, not all of its matches.
    const selective = match !== null && Number((await em.getConnection().execute<Row[]>(
      `select count(*) as n from (select rowid from item_search_fts where item_search_fts match ? limit ${SELECTIVE_MATCHES + 1})`, [match], 'all'))[0].n) <= SELECTIVE_MATCHES;
    whereText(q, terms, postgres, selective);

    const keys = SORT_KEYS[sort];
    if (after) {
      const op = order === 'asc' ? '>' : '<';
      const at = dateParam(em, new Date(after.at));
      // The first condition is an index range; the second leaves out the rows of the cursor's instant already shown.
      q.where(keys.time, `${op}=`, at).andWhere((w: Knex.QueryBuilder) => w.where(keys.time, op, at).orWhere(keys.id, op, after.id));
    }
    q.orderBy([{ column: keys.time, order }, { column: keys.id, order }]).limit(limit + 1);

    return { q, sort, order, limit };
  }

  async list(user: UserPrincipal, query: ItemListQueryDto): Promise<ItemListPage> {
    const em = this.em.fork() as unknown as SqlEntityManager;
    const built = await this.build(em, user, query);
    if (!built) return { items: [], nextCursor: null };
    const { q, sort, order, limit } = built;
    const rows = await em.getConnection().execute<Row[]>(q, [], 'all');
    const listed = rows.slice(0, limit).map(toRow);
    const dueOf = await this.deadlines.openFor(em, listed.map((i) => ({ id: i.id, state: i.state, revision: i.revision, stateChangedAt: i.updatedAt })));
    const items: ItemListRow[] = listed.map((i) => ({ ...i, dueAt: dueOf.get(i.id)?.dueAt ?? null, overdue: dueOf.get(i.id)?.overdue ?? false }));
    const last = items[items.length - 1];
    const lastAt = last && (sort === 'submitted' ? last.submittedAt : last.updatedAt);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ sort, order, at: lastAt.toISOString(), id: last.id }) : null };
  }
}

function toRow(row: Row): Omit<ItemListRow, 'dueAt' | 'overdue'> {
  const state = row.state as ItemState;
  const groups = row.hit_groups == null ? null : rawJson<Array<Pick<HitGroup, 'category' | 'count'>>>(row.hit_groups);
  const hits = row.hits == null ? [] : rawJson<Hit[]>(row.hits);
  const author = row.author == null ? null : rawJson<{ name?: string } | null>(row.author);
  return {
    id: row.id as string,
    externalId: row.external_id as string,
    title: row.title as string,
    state,
    level: waitingLevel(state),
    revision: Number(row.revision),
    verdict: (row.verdict as Verdict | null) ?? null,
    hitCounts: groups ? categoryCounts(groups) : countBy(hits.map((h) => h.category)),
    submitter: row.client_name as string,
    author: author?.name ?? null,
    channels: rawJson<string[]>(row.channels),
    unit: row.unit_code as string,
    submittedAt: rawDate(row.submitted_at),
    updatedAt: rawDate(row.state_changed_at),
  };
}
