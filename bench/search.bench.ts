/**
 * The items list's free-text search on 100,000 items: p50/p95 of Chinese queries (2-character terms that no
 * trigram index serves, 3- and 4-character terms it does, with and without filters) through ItemListService,
 * beside a baseline in the same run: the same query as a plain LIKE scan of the current revisions, no index.
 * Rows are bulk-inserted directly (the revisions trigger keeps item_search and its index current, as in service).
 * Usage: npm run -s build && npm run -s bench:search [-- <items> <runs>]   (DATABASE_URL selects the database;
 * BENCH_PLAN=1 prints each list query's plan)
 */
import { randomUUID } from 'node:crypto';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';
import { dateParam, isPostgres } from '../src/database/raw-sql';
import type { UserPrincipal } from '../src/auth/principal';
import { openDatabase } from '../src/database/open-database';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import type { ItemListQueryDto } from '../src/items/dto/item-list-query.dto';
import { ItemListService } from '../src/items/item-list.service';
import { createTestEnvironment } from '../test/support/test-config';

const ITEMS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 30);
const BATCH = 500;

// Words of notices as units publish them; a few rarer ones are planted at known rates below.
const WORDS = ['关于', '做好', '政务公开', '工作', '通知', '各科室', '请按要求', '落实', '责任', '加强', '管理', '开展', '专项', '检查', '情况', '报告',
  '年度', '计划', '实施', '方案', '推进', '建设', '服务', '群众', '办理', '事项', '公示', '结果', '会议', '精神', '学习', '贯彻', '部署', '安排',
  '统计', '数据', '发布', '信息', '目录', '指南', '规范', '制度', '考核', '评估', '整改', '督查', '项目', '资金', '使用', '监督'];
const pick = (n: number) => WORDS[n % WORDS.length];

function text(seed: number, words: number): string {
  let x = seed * 2654435761 % 4294967296;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(pick(x >> 8));
    if (i % 9 === 8) out.push('，');
  }
  return `${out.join('')}。`;
}

const STATES = ['awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'published', 'published', 'published', 'rejected', 'blocked'];
const CHANNELS = [['portal'], ['wechat'], ['portal', 'wechat'], ['screen']];

async function seed(em: SqlEntityManager, unitId: string, otherUnitId: string, clientId: string): Promise<void> {
  const knex = em.getKnex();
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let from = 0; from < ITEMS; from += BATCH) {
    const items: Record<string, unknown>[] = [];
    const revisions: Record<string, unknown>[] = [];
    const scans: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(ITEMS, from + BATCH); n++) {
      const id = randomUUID();
      const at = new Date(start + n * 60_000);
      // 1 in 100 mentions 乡村振兴 (rare 4-character term), 1 in 500 mentions 防汛 (rare 2-character term).
      const title = `${n % 100 === 0 ? '乡村振兴' : ''}${text(n, 6)}`;
      const body = `${text(n + 7, 120)}${n % 500 === 0 ? '请做好防汛准备。' : ''}`;
      // 2% block, 8% review, the rest pass.
      const verdict = n % 50 === 7 ? 'block' : n % 10 === 3 ? 'review' : 'pass';
      items.push({ id, client_id: clientId, external_id: `bench-${n}`, unit_id: n % 10 === 9 ? otherUnitId : unitId, channels: JSON.stringify(CHANNELS[n % 4]), author: null, callback_url: null,
        state: STATES[n % STATES.length], revision: 1, referred_from: null, version: 1, created_at: dateParam(em, at), state_changed_at: dateParam(em, new Date(at.getTime() + (n % 97) * 3_600_000)) });
      const revisionId = randomUUID();
      revisions.push({ id: revisionId, item_id: id, number: 1, title, body, format: 'text', content_hash: 'f'.repeat(64), created_at: dateParam(em, at), attachment_count: 0 });
      const hits = verdict === 'pass' ? [] : [{ category: verdict === 'block' ? 'classified-marking' : 'personal-info', ruleId: 'bench' }];
      scans.push({ id: randomUUID(), revision_id: revisionId, verdict, hits: JSON.stringify(hits), keywords: '[]', lexicon_version: 'bench', rules_version: 'bench', duration_ms: 1, created_at: dateParam(em, at), attachments: '[]' });
    }
    await em.getConnection().execute(knex('items').insert(items));
    await em.getConnection().execute(knex('revisions').insert(revisions));
    await em.getConnection().execute(knex('scans').insert(scans));
  }
}

/** The baseline: the same filters with the text matched by LIKE on the current revision itself (no search index). */
function baselineQuery(knex: Knex, postgres: boolean, unitId: string, terms: string[], filters: Partial<ItemListQueryDto>): Knex.QueryBuilder {
  const q = knex('items as i')
    .join('revisions as r', (j) => j.on('r.item_id', 'i.id').andOn('r.number', 'i.revision'))
    .leftJoin('scans as s', 's.revision_id', 'r.id')
    .where('i.unit_id', unitId)
    .select('i.id', 'r.title', 'r.created_at', 's.verdict');
  const like = postgres ? 'ilike' : 'like';
  for (const term of terms) q.whereRaw(`(r.title ${like} ? or r.body ${like} ?)`, [`%${term}%`, `%${term}%`]);
  if (filters.state) q.whereIn('i.state', filters.state.split(','));
  if (filters.verdict) q.where('s.verdict', filters.verdict);
  return q.orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'i.id', order: 'desc' }]).limit(50);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await run();
    ms.push(performance.now() - started);
    rows = Array.isArray(result) ? result.length : (result as { items: unknown[] }).items.length;
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), rows };
}

async function main(): Promise<void> {
  const scratch = await createTestEnvironment({ LOG_LEVEL: 'warn' });
  const orm = await openDatabase(scratch.config);
  try {
    const em = orm.em.fork() as unknown as SqlEntityManager;
    const knex = em.getKnex();
    const postgres = isPostgres(em);
    const now = dateParam(em, new Date());
    const [unitId, otherUnitId, clientId, userId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await em.getConnection().execute(knex('units').insert([{ id: unitId, code: 'bench', name: '基准单位', created_at: now }, { id: otherUnitId, code: 'other', name: '另一单位', created_at: now }]));
    await em.getConnection().execute(knex('api_clients').insert({ id: clientId, name: 'cms-bench', key_hash: 'b'.repeat(64), callback_secret: 'x', active: true, created_at: now }));
    const seeding = performance.now();
    await seed(em, unitId, otherUnitId, clientId);
    await em.getConnection().execute('analyze');
    console.log(`search over ${ITEMS} items (90% in the searched unit), ${scratch.config.database.driver}; seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${RUNS} runs each, ms`);

    // openFor reads only the entity manager it is given: the prototype is enough outside Nest.
    const sut = new ItemListService(orm.em, Object.create(DeadlinesService.prototype) as DeadlinesService);
    const user: UserPrincipal = { kind: 'user', userId, username: 'bench', roles: ['filler', 'leader', 'chief', 'admin'], unitId, unitCode: 'bench' };
    const cases: Array<[string, Partial<ItemListQueryDto>]> = [
      ['no text, first page', {}],
      ['4 chars, common (政务公开)', { q: '政务公开' }],
      ['4 chars, rare 1% (乡村振兴)', { q: '乡村振兴' }],
      ['3 chars, absent (不存在)', { q: '不存在' }],
      ['2 chars, common (通知)', { q: '通知' }],
      ['2 chars, rare 0.2% (防汛)', { q: '防汛' }],
      ['4 chars + state + verdict', { q: '乡村振兴', state: 'awaiting_filler', verdict: 'pass' }],
      ['2 chars + state=awaiting_filler', { q: '防汛', state: 'awaiting_filler' }],
      ['2 chars common + verdict=block', { q: '通知', verdict: 'block' }],
      ['2 + 4 chars (防汛 政务公开)', { q: '防汛 政务公开' }],
    ];
    console.log(`  ${'rows'.padStart(4)}  ${'list p50'.padStart(9)} ${'p95'.padStart(7)}   ${'LIKE p50'.padStart(9)} ${'p95'.padStart(7)}   query`);
    for (const [name, filters] of cases) {
      if (process.env.BENCH_PLAN) {
        const built = await sut.build(em, user, filters as ItemListQueryDto);
        const { sql, bindings } = built!.q.toSQL();
        const plan = await em.getConnection().execute<Record<string, unknown>[]>(`${postgres ? 'explain analyze' : 'explain query plan'} ${sql}`, bindings as unknown[], 'all');
        console.log(plan.map((row) => `      ${String(row['QUERY PLAN'] ?? row.detail)}`).join('\n'));
      }
      const indexed = await time(() => sut.list(user, filters as ItemListQueryDto));
      const terms = (filters.q ?? '').split(' ').filter(Boolean);
      const baseline = await time(() => em.getConnection().execute(baselineQuery(knex, postgres, unitId, terms, filters), [], 'all'));
      const differs = baseline.rows === indexed.rows ? '' : ` (baseline found ${baseline.rows} rows)`;
      console.log(`  ${String(indexed.rows).padStart(4)}  ${indexed.p50.toFixed(1).padStart(9)} ${indexed.p95.toFixed(1).padStart(7)}   ${baseline.p50.toFixed(1).padStart(9)} ${baseline.p95.toFixed(1).padStart(7)}   ${name}${differs}`);
    }
  } finally {
    await orm.close();
    await scratch.cleanup();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
