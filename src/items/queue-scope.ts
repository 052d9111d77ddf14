import { EntityManager } from '@mikro-orm/core';
import { awaitingState, ItemState, Level, LEVELS } from '@clearance/workflow';
import type { UserPrincipal } from '../auth/principal';
import { Decision } from './entities/decision.entity';

/** The level at which an item in this state is acted on: a review level, or the admin's for blocked and referred items. */
export function actingLevel(state: ItemState): Level | 'admin' {
  return LEVELS.find((l) => awaitingState(l) === state) ?? 'admin';
}

/** The states a person acts on by their roles: their levels' awaiting states, and blocked and referred for admins. */
export function actingStates(user: Pick<UserPrincipal, 'roles'>): ItemState[] {
  const states: ItemState[] = LEVELS.filter((level) => user.roles.includes(level)).map(awaitingState);
  if (user.roles.includes('admin')) states.push('blocked', 'referred');
  return states;
}

export interface QueueScope {
  unitId: string;
  states: ItemState[];
  /** Items in those states the person may not decide: they acted on them at another level. */
  barred: string[];
}

/**
 * What a person may decide now (the queue, the list's 待我审核): items of their unit at one of their levels,
 * except those they acted on at another level of the item, in any revision (separation of duties, as
 * assertMayDecide sees it); an override or a return counts as the admin's level.
 */
export async function queueScope(em: EntityManager, user: UserPrincipal): Promise<QueueScope> {
  const states = actingStates(user);
  if (states.length === 0) return { unitId: user.unitId, states, barred: [] };
  const acted = await em.find(Decision, { user: user.userId, item: { unit: user.unitId, state: { $in: states } } }, { populate: ['item'], fields: ['level', 'item.state'] });
  const barred = acted.filter((d) => d.level !== actingLevel(d.item.state)).map((d) => d.item.id);
  return { unitId: user.unitId, states, barred: [...new Set(barred)] };
}
