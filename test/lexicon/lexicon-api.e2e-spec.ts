import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.schema';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The lexicon administration over HTTP and the CLI, with the api and worker roles in this process. */
describe('lexicon administration', () => {
  let t: TestApp;
  let s: Seeded;
  let admin: string;
  let dir: string;
  let defaultVersion: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sql = (query: string, params: unknown[] = []) => t.orm.em.fork().getConnection().execute(query, params);
  const term = (overrides: Record<string, unknown> = {}) => ({ term: '演习坐标', category: 'sensitive-term', severity: 'block', allow: ['演习坐标示意'], note: '演习区域坐标属于军事秘密', ...overrides });
  const draft = (body: string, app = t) => app.http.post('/api/v1/scan').set('X-Api-Key', s.apiKey).send({ title: '通知', body }).expect(200);
  const summary = async () => (await t.http.get('/api/v1/lexicon').set(auth(admin)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
    admin = await login(t, s.users.admin);
    dir = mkdtempSync(join(tmpdir(), 'clearance-lexicon-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('reports the shipped lexicon at revision 0', async () => {
    const body = await summary();
    expect(body).toEqual({ version: expect.stringMatching(/^[0-9a-f]{16}$/), revision: 0, defaultTerms: expect.any(Number), customTerms: 0 });
    expect(body.defaultTerms).toBeGreaterThan(20);
    defaultVersion = body.version;
    const { body: list } = await t.http.get('/api/v1/lexicon/terms').set(auth(admin)).expect(200);
    expect(list.terms).toHaveLength(body.defaultTerms);
    expect(list.terms[0]).toEqual({ source: 'default', term: expect.any(String), category: expect.any(String), severity: expect.any(String), allow: expect.any(Array), match: 'substring', active: true });
    expect(list.terms).toContainEqual(expect.objectContaining({ term: '密电', match: 'word' }));
  });

  it('refuses everyone but a secrecy administrator', async () => {
    for (const role of ['filler', 'leader', 'chief'] as const) {
      const token = await login(t, s.users[role]);
      await t.http.get('/api/v1/lexicon').set(auth(token)).expect(403);
      await t.http.get('/api/v1/lexicon/terms').set(auth(token)).expect(403);
      await t.http.post('/api/v1/lexicon/terms').set(auth(token)).send(term()).expect(403);
      await t.http.patch('/api/v1/lexicon/terms/x').set(auth(token)).send({ severity: 'review' }).expect(403);
      await t.http.delete('/api/v1/lexicon/terms/x').set(auth(token)).expect(403);
    }
    // A CMS key is no person: it may not even read the lexicon.
    await t.http.get('/api/v1/lexicon/terms').set('X-Api-Key', s.apiKey).expect(401);
    expect((await summary()).revision).toBe(0);
  });

  it.each([
    ['an empty term', { term: '  ' }, 'term'],
    ['a term over 64 characters', { term: '演'.repeat(65) }, 'term'],
    ['a term of noise characters only', { term: '\u200b \u3000——' }, 'term'],
    ['a term that is not a string', { term: 42 }, 'term'],
    ['an unknown category', { category: 'secret' }, 'category'],
    ['an unknown severity', { severity: 'fatal' }, 'severity'],
    ['an allow phrase without the term', { allow: ['坐标示意'] }, 'allow'],
    ['allow phrases that are not a list', { allow: '演习坐标示意' }, 'allow'],
    ['no note', { note: undefined }, 'note'],
    ['a blank note', { note: ' ' }, 'note'],
    ['an unknown match mode', { match: 'exact' }, 'match'],
  ])('answers 400 naming the field for %s', async (_, change, field) => {
    const { body } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term(change)).expect(400);
    expect(body.field).toBe(field);
  });

  it('answers 409 for a term of the shipped lexicon, in any spelling', async () => {
    const { body } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term({ term: '密電', allow: [] })).expect(409);
    expect(body).toMatchObject({ field: 'term', message: expect.stringContaining('shipped default lexicon') });
    expect((await summary()).revision).toBe(0);
  });

  let id: string;
  let customVersion: string;

  it('adds a term: the draft scan and the worker see it at once, with the new lexicon version', async () => {
    const { body } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term()).expect(201);
    expect(body).toMatchObject({ revision: 1, term: { source: 'custom', term: '演习坐标', severity: 'block', allow: ['演习坐标示意'], active: true, createdBy: 'user:admin' } });
    id = body.term.id;
    const now = await summary();
    expect(now).toMatchObject({ revision: 1, customTerms: 1 });
    expect(now.version).not.toBe(defaultVersion);
    customVersion = now.version;

    const scanned = (await draft('各科室：本次演習坐標见附件。')).body;
    expect(scanned).toMatchObject({ verdict: 'block', lexiconVersion: customVersion });
    expect(scanned.hits).toEqual([expect.objectContaining({ ruleId: 'lexicon:演习坐标', text: '演習坐標', severity: 'block' })]);
    // Its own allow phrase holds.
    expect((await draft('附件为演习坐标示意图。')).body.verdict).toBe('pass');

    const { body: item } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'lex-1', { body: '各科室：本次演习坐标见附件。' })).expect(202);
    const blocked = await waitForState(t, s.apiKey, item.id, 'blocked');
    expect(blocked.scan).toMatchObject({ verdict: 'block', lexiconVersion: customVersion, hits: [expect.objectContaining({ ruleId: 'lexicon:演习坐标' })] });
  });

  it('answers 409 for an active term in another spelling', async () => {
    const { body } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term({ term: '演習坐標', allow: [] })).expect(409);
    expect(body).toMatchObject({ field: 'term', message: expect.stringContaining(id) });
  });

  it('changes severity and allow phrases, refusing bad values with the field named', async () => {
    expect((await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({ severity: 'fatal' }).expect(400)).body.field).toBe('severity');
    expect((await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({ allow: ['坐标'] }).expect(400)).body.field).toBe('allow');
    await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({}).expect(400);
    await t.http.patch('/api/v1/lexicon/terms/00000000-0000-0000-0000-000000000000').set(auth(admin)).send({ severity: 'review' }).expect(404);
    const { body } = await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({ severity: 'review', allow: [] }).expect(200);
    expect(body).toMatchObject({ revision: 2, term: { severity: 'review', allow: [] } });
    expect((await draft('附件为演习坐标示意图。')).body.verdict).toBe('review');
  });

  it('deactivates a term: kept for the record, and the next scan passes with the default lexicon version', async () => {
    const { body } = await t.http.delete(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).expect(200);
    expect(body).toMatchObject({ revision: 3, term: { id, active: false } });
    await t.http.delete(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).expect(409);
    expect((await draft('各科室：本次演习坐标见附件。')).body).toMatchObject({ verdict: 'pass', lexiconVersion: defaultVersion });

    const { body: item } = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, 'lex-2', { body: '各科室：本次演习坐标见附件。' })).expect(202);
    const scanned = await waitForState(t, s.apiKey, item.id, 'awaiting_filler');
    expect(scanned.scan).toMatchObject({ verdict: 'pass', lexiconVersion: defaultVersion });

    const { body: list } = await t.http.get('/api/v1/lexicon/terms').set(auth(admin)).expect(200);
    expect(list.terms.filter((x: { source: string }) => x.source === 'custom')).toEqual([expect.objectContaining({ id, active: false, note: '演习区域坐标属于军事秘密' })]);
    expect(await summary()).toMatchObject({ revision: 3, customTerms: 0 });
  });

  it('brings a deactivated term back unless the term is active again meanwhile', async () => {
    const { body: again } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term({ term: '演習坐標', allow: [], note: '重新收录' })).expect(201);
    await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({ active: true }).expect(409);
    await t.http.delete(`/api/v1/lexicon/terms/${again.term.id}`).set(auth(admin)).expect(200);
    await t.http.patch(`/api/v1/lexicon/terms/${id}`).set(auth(admin)).send({ active: true }).expect(200);
    expect((await draft('本次演习坐标见附件。')).body.verdict).toBe('review');
  });

  it('audits every change with who made it, in the hash chain', async () => {
    const events = await sql("select actor, action, data from audit_events where action like 'lexicon.%' order by seq");
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'lexicon.term_added', 'lexicon.term_changed', 'lexicon.term_deactivated', 'lexicon.term_added', 'lexicon.term_deactivated', 'lexicon.term_changed',
    ]);
    expect(new Set(events.map((e: { actor: string }) => e.actor))).toEqual(new Set(['user:admin']));
    const [{ revision }] = await sql('select revision from lexicon_revision');
    expect(Number(revision)).toBe(6);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });

  it('adds and lists terms from the CLI', async () => {
    const added = await t.cli('lexicon:add', '靶场坐标', '--category', 'sensitive-term', '--severity', 'block', '--allow', '靶场坐标公示', '--note', '靶场位置');
    expect(added).toMatchObject({ code: 0, out: [expect.stringMatching(/^term 靶场坐标 added \(sensitive-term, block, substring\), id [0-9a-f-]{36}; lexicon revision 7$/)] });
    const refused = await t.cli('lexicon:add', '靶場坐標', '--category', 'sensitive-term', '--severity', 'block', '--note', '重复');
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('term: "靶場坐標" is already an active term');
    expect((await t.cli('lexicon:add', '靶场', '--category', 'secret', '--severity', 'block', '--note', 'x')).err.join('\n')).toContain('category: unknown category');
    expect((await t.cli('lexicon:add', '靶场', '--category', 'sensitive-term', '--severity', 'block')).code).toBe(2);

    const list = await t.cli('lexicon:list');
    expect(list.code).toBe(0);
    expect(list.out[0]).toMatch(/^# revision 7: \d+ default terms, 2 custom terms active, 1 deactivated$/);
    expect(list.out).toContainEqual(expect.stringMatching(/^custom\t[0-9a-f-]{36}\t靶场坐标\tsensitive-term\tblock\tactive\t靶场坐标公示\tsubstring$/));
    expect(list.out).toContainEqual('default\t-\t密电\tsensitive-term\tblock\tactive\t\tword');
    const [{ n }] = await sql("select count(*) as n from audit_events where action = 'lexicon.term_added' and actor = 'cli'");
    expect(Number(n)).toBe(1);
  });

  it('imports a file all or nothing, skipping terms already present', async () => {
    const before = await summary();
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, '# 新增词条\n试验基地编号\tsensitive-term\tblock\n试验基地坐标\tsensitive-term\tfatal\n');
    const refused = await t.cli('lexicon:import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('bad.tsv:3: unknown severity "fatal"');
    expect(await summary()).toEqual(before);

    const good = join(dir, 'good.tsv');
    writeFileSync(good, '试验基地编号\tsensitive-term\tblock\n試驗基地座標\tsensitive-term\treview\t試驗基地座標圖例\n密电\tsensitive-term\tblock\n靶场坐标\tsensitive-term\treview\n');
    const imported = await t.cli('lexicon:import', good, '--note', '2026年保密自查新增');
    expect(imported).toMatchObject({ code: 0, out: ['good.tsv: 2 added, 2 skipped; lexicon revision 8', expect.stringContaining('skipped 密电: in the default lexicon'), expect.stringContaining('skipped 靶场坐标: already active')] });
    expect(await summary()).toMatchObject({ revision: 8, customTerms: 4 });
    expect((await draft('关于试验基地编号的说明')).body.verdict).toBe('block');
    const [event] = await sql("select actor, data from audit_events where action = 'lexicon.imported'");
    const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    expect(event.actor).toBe('cli');
    expect(data).toMatchObject({ source: 'good.tsv', note: '2026年保密自查新增', skipped: 2, revision: 8, added: [expect.objectContaining({ term: '试验基地编号' }), expect.objectContaining({ term: '試驗基地座標' })] });

    const again = await t.cli('lexicon:import', good);
    expect(again.out[0]).toBe('good.tsv: 0 added, 4 skipped; lexicon revision 8');
    expect((await t.cli('lexicon:import', join(dir, 'missing.tsv'))).code).toBe(2);
  });

  it('lets exactly one of two administrators adding the same term at once succeed', async () => {
    const before = (await summary()).revision;
    const responses = await Promise.all(
      ['核潜艇泊位', '核潛艇泊位'].map((spelling) => t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term({ term: spelling, allow: [], note: '并发测试' }))),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await summary()).revision).toBe(before + 1);
    const [{ n }] = await sql("select count(*) as n from lexicon_terms where term_key = '核潜艇泊位'");
    expect(Number(n)).toBe(1);
  });

  it('matches a term as a substring unless it opts into word matching, and changes the mode', async () => {
    const { body: added } = await t.http.post('/api/v1/lexicon/terms').set(auth(admin)).send(term({ term: '长城', severity: 'review', allow: [], match: 'word', note: '行动代号' })).expect(201);
    expect(added.term).toMatchObject({ term: '长城', match: 'word' });
    expect((await draft('组织干部参观万里长城。')).body.verdict).toBe('pass');
    expect((await draft('代号长城已启用。')).body.verdict).toBe('review');
    const { body: changed } = await t.http.patch(`/api/v1/lexicon/terms/${added.term.id}`).set(auth(admin)).send({ match: 'substring' }).expect(200);
    expect(changed.term.match).toBe('substring');
    expect((await draft('组织干部参观万里长城。')).body.verdict).toBe('review');
    expect((await t.http.patch(`/api/v1/lexicon/terms/${added.term.id}`).set(auth(admin)).send({ match: 'exact' }).expect(400)).body.field).toBe('match');
    const [event] = await sql("select data from audit_events where action = 'lexicon.term_changed' order by seq desc limit 1");
    const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    expect(data.changes).toEqual({ match: { from: 'word', to: 'substring' } });
    // The CLI takes the mode too.
    const word = await t.cli('lexicon:add', '靶标', '--category', 'sensitive-term', '--severity', 'review', '--match', 'word', '--note', '只按词匹配');
    expect(word.out).toEqual([expect.stringMatching(/^term 靶标 added \(sensitive-term, review, word\), id /)]);
    const fuzzy = await t.cli('lexicon:add', '靶区', '--category', 'sensitive-term', '--severity', 'review', '--match', 'fuzzy', '--note', 'x');
    expect(fuzzy.code).toBe(1);
    expect(fuzzy.err.join('\n')).toMatch(/match/);
  });

  it('lets only the named units\' secrecy administrators change the lexicon when LEXICON_UNITS is set', async () => {
    const office = await seedUnit(t, 'bmb', '-bmb');
    const restricted = await startTestApp({}, { ...t.env, config: loadConfig({ ...t.env.env, ROLE: 'api', LEXICON_UNITS: 'bmb' }), cleanup: async () => undefined });
    try {
      const unitAdmin = await login(restricted, s.users.admin);
      const officeAdmin = await login(restricted, office.users.admin);
      await restricted.http.get('/api/v1/lexicon/terms').set(auth(unitAdmin)).expect(200);
      const { body } = await restricted.http.post('/api/v1/lexicon/terms').set(auth(unitAdmin)).send(term({ term: '导弹编号', allow: [] })).expect(403);
      expect(body.message).toContain('only secrecy administrators of bmb');
      await restricted.http.post('/api/v1/lexicon/terms').set(auth(officeAdmin)).send(term({ term: '导弹编号', allow: [] })).expect(201);
      // Any process scans with it from its next scan, this one included.
      expect((await draft('导弹编号如下')).body.verdict).toBe('block');
    } finally {
      await restricted.close();
    }
  });
});
