import { EntityManager, MikroORM } from '@mikro-orm/core';
import { itemBody, seedUnit } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

export interface ItemsToLock {
  t: TestApp;
  em: EntityManager;
  /** The items' ids, in the order of `externalIds`. */
  ids: string[];
}

/** The api role with a unit, the portal channel and one submitted item per external id: rows for transactions to lock. */
export async function startWithItems(externalIds: string[]): Promise<ItemsToLock> {
  const t = await startTestApp({ ROLE: 'api' });
  const s = await seedUnit(t);
  await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal');
  const ids: string[] = [];
  for (const externalId of externalIds) ids.push((await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, externalId)).expect(202)).body.id);
  return { t, em: t.app.get(MikroORM).em, ids };
}
