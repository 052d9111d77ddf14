import { EntityRepository, FilterQuery } from '@mikro-orm/core';
import type { ItemState } from '@clearance/workflow';
import { Item } from './entities/item.entity';

export interface QueueCursor {
  at: string;
  id: string;
}

export class ItemRepository extends EntityRepository<Item> {
  /** Items of a unit in the given states, oldest state change first, after the cursor. */
  async page(unitId: string, states: ItemState[], limit: number, after?: QueueCursor, excludeIds: string[] = []): Promise<Item[]> {
    const where: FilterQuery<Item> = { unit: unitId, state: { $in: states } };
    if (excludeIds.length) Object.assign(where, { id: { $nin: excludeIds } });
    if (after) {
      Object.assign(where, {
        $or: [{ stateChangedAt: { $gt: new Date(after.at) } }, { stateChangedAt: new Date(after.at), id: { $gt: after.id } }],
      });
    }
    return this.find(where, { orderBy: { stateChangedAt: 'asc', id: 'asc' }, limit, populate: ['unit'] });
  }

  /** Items in the given states, oldest state change first, a page after the cursor (for the reconciler). */
  inStates(states: ItemState[], limit: number, after?: QueueCursor): Promise<Item[]> {
    const where: FilterQuery<Item> = { state: { $in: states } };
    if (after) {
      Object.assign(where, {
        $or: [{ stateChangedAt: { $gt: new Date(after.at) } }, { stateChangedAt: new Date(after.at), id: { $gt: after.id } }],
      });
    }
    return this.find(where, { orderBy: { stateChangedAt: 'asc', id: 'asc' }, limit });
  }
}
