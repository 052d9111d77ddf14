import { OwnRedis } from '../support/processes';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

describe('GET /health while Redis comes and goes', () => {
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('answers 200 with both up, 503 naming redis when it stops, and 200 again when it returns, with no restart', async () => {
    const up = await t.http.get('/health').expect(200);
    expect(up.body).toMatchObject({ status: 'ok', db: 'up', redis: 'up' });

    await redis.stop();
    const down = await waitFor(async () => {
      const response = await t.http.get('/health');
      return response.status === 503 ? response : undefined;
    }, 30_000, 'health to turn 503');
    expect(down.body).toMatchObject({ status: 'unavailable', db: 'up', redis: 'down' });
    expect(down.body.errors.redis).toEqual(expect.any(String));

    await redis.start();
    const back = await waitFor(async () => {
      const response = await t.http.get('/health');
      return response.status === 200 ? response : undefined;
    }, 30_000, 'health to return to 200');
    expect(back.body).toMatchObject({ status: 'ok', redis: 'up' });
  });
});
