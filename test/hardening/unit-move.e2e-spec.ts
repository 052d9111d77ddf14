import { Item } from '../../src/items/entities/item.entity';
import { Revision } from '../../src/items/entities/revision.entity';
import { itemBody, login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('an item stays in its unit across revisions', () => {
  let t: TestApp;
  let first: Seeded;
  let second: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ OCR: 'off' });
    first = await seedUnit(t, 'u1');
    second = await seedUnit(t, 'u2', '-2');
    // The first unit's CMS may submit for both units.
    const updated = await t.cli('client:update', first.client, '--unit', 'u1', '--unit', 'u2');
    expect(updated.code).toBe(0);
    const channel = await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/hook', '--secret', `whsec_${Buffer.alloc(32, 2).toString('base64')}`);
    expect(channel.code).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a revision naming another unit with 409 on unit; a new unit is a new item', async () => {
    const submit = (externalId: string, unit: string, body?: string) =>
      t.http.post('/api/v1/items').set('X-Api-Key', first.apiKey).send(itemBody(unit, externalId, body ? { body } : {}));
    const created = await submit('moving', 'u1').expect(202);
    const id = created.body.id as string;
    await waitForState(t, first.apiKey, id, 'awaiting_filler');
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${await login(t, first.users.filler)}`).send({ decision: 'approve', revision: 1 }).expect(200);

    for (const body of ['另一单位的新版本正文。', undefined]) {
      const moved = await submit('moving', 'u2', body).expect(409);
      expect(moved.body).toMatchObject({ statusCode: 409, error: 'Conflict', field: 'unit' });
      expect(moved.body.message).toMatch(/an item stays in its unit/);
    }
    const item = await t.orm.em.fork().findOneOrFail(Item, { id }, { populate: ['unit'] });
    expect({ unit: item.unit.code, revision: item.revision, state: item.state }).toEqual({ unit: 'u1', revision: 1, state: 'awaiting_leader' });
    expect(await t.orm.em.fork().count(Revision, { item: id })).toBe(1);
    // The second unit's reviewers never see the first unit's item or its decisions.
    const outsider = await login(t, second.users.leader);
    expect((await t.http.get(`/api/v1/items/${id}`).set('Authorization', `Bearer ${outsider}`)).status).toBe(404);

    const fresh = await submit('moving-u2', 'u2').expect(202);
    expect(fresh.body.id).not.toBe(id);
    // Its own unit still takes new revisions.
    await submit('moving', 'u1', '同一单位的新版本正文。').expect(202);
  });
});
