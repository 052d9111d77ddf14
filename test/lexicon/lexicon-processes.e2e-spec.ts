import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/env.schema';
import { ApiWithWorkers, startApiWithWorkers } from '../support/api-with-workers';
import { itemBody, login, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The database holds the lexicon: a worker process and a second api process, both started before the
 * change, scan with it from their next scan, without a restart.
 */
describe('a lexicon change reaching every process', () => {
  let w: ApiWithWorkers;
  let second: TestApp;
  let admin: string;

  beforeAll(async () => {
    w = await startApiWithWorkers();
    second = await startTestApp({}, { ...w.env, config: loadConfig(w.env.env), cleanup: async () => undefined });
    admin = await login(w.api, w.seeded.users.admin);
  });
  afterAll(async () => {
    await second?.close();
    await w?.close();
  });

  const submit = async (externalId: string, body: string) =>
    (await w.api.http.post('/api/v1/items').set('X-Api-Key', w.seeded.apiKey).send(itemBody(w.seeded.unit, externalId, { body })).expect(202)).body.id as string;
  const draft = async (app: TestApp, body: string) => (await app.http.post('/api/v1/scan').set('X-Api-Key', w.seeded.apiKey).send({ body }).expect(200)).body;

  it('blocks with the new term in the worker and the second api once an administrator adds it, and passes again once it is deactivated', async () => {
    const worker = w.startWorker();
    // The worker has scanned with the lexicon as it was: revision 0, shipped terms only.
    const before = await waitForState(w.api, w.seeded.apiKey, await submit('before', '各科室：本次演习坐标见附件。'), 'awaiting_filler', 60_000);
    const defaultVersion = (before.scan as { lexiconVersion: string }).lexiconVersion;
    expect((await draft(second, '本次演习坐标见附件。')).verdict).toBe('pass');

    const { body } = await w.api.http
      .post('/api/v1/lexicon/terms')
      .set('Authorization', `Bearer ${admin}`)
      .send({ term: '演习坐标', category: 'sensitive-term', severity: 'block', note: '演习区域坐标属于军事秘密' })
      .expect(201);
    const { body: now } = await w.api.http.get('/api/v1/lexicon').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(now.version).not.toBe(defaultVersion);

    const onSecond = await draft(second, '本次演习坐标见附件。');
    expect(onSecond).toMatchObject({ verdict: 'block', lexiconVersion: now.version });
    const blocked = await waitForState(w.api, w.seeded.apiKey, await submit('after', '各科室：本次演习坐标见附件。'), 'blocked', 60_000);
    expect(blocked.scan).toMatchObject({ verdict: 'block', lexiconVersion: now.version, hits: [expect.objectContaining({ ruleId: 'lexicon:演习坐标' })] });

    await second.http.delete(`/api/v1/lexicon/terms/${body.term.id}`).set('Authorization', `Bearer ${await login(second, w.seeded.users.admin)}`).expect(200);
    expect(await draft(w.api, '本次演习坐标见附件。')).toMatchObject({ verdict: 'pass', lexiconVersion: defaultVersion });
    const passed = await waitForState(w.api, w.seeded.apiKey, await submit('deactivated', '各科室：本次演习坐标见附件。'), 'awaiting_filler', 60_000);
    expect(passed.scan).toMatchObject({ verdict: 'pass', lexiconVersion: defaultVersion });

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  }, 150_000);

  it('scans the seed reports clean through the service', async () => {
    const body = readFileSync('/work/shared/corpus/seed-reports.txt', 'utf8');
    expect((await draft(second, body)).verdict).toBe('pass');
  });
});
