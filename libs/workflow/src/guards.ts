import { ForbiddenActError, StateConflictError } from './domain-error';
import { ItemState, Level, levelOf, Role, LEVEL_LABELS } from './states';

export interface Actor {
  userId: string;
  roles: readonly Role[];
  unitId: string;
}

export interface ItemFacts {
  state: ItemState;
  unitId: string;
  revision: number;
  /** Levels at which each user has already decided on this item (any revision). */
  actedLevels: ReadonlyArray<{ userId: string; level: Level }>;
  /** Levels already approved on the current revision. */
  decidedLevels: readonly Level[];
}

/**
 * Who may decide now: a reviewer acts only at the level of their role, only inside their unit,
 * only on the current revision, and one person acts at one level of an item at most.
 */
export function assertMayDecide(actor: Actor, item: ItemFacts, revision: number): Level {
  if (actor.unitId !== item.unitId) throw new ForbiddenActError('the item belongs to another unit');
  const level = levelOf(item.state);
  if (!level) throw new StateConflictError(`the item is ${item.state}: it awaits no review decision`);
  if (!actor.roles.includes(level)) {
    const passed = item.decidedLevels.find((decided) => actor.roles.includes(decided));
    if (passed) throw new StateConflictError(`another reviewer has already decided at level ${passed}; the item now awaits ${level}`);
    throw new ForbiddenActError(`the item awaits ${level} (${LEVEL_LABELS[level]}); your roles are ${actor.roles.join(', ') || 'none'}`);
  }
  if (revision !== item.revision) {
    throw new StateConflictError(`revision ${revision} is stale: the current revision is ${item.revision}`);
  }
  const otherLevel = item.actedLevels.find((a) => a.userId === actor.userId && a.level !== level);
  if (otherLevel) {
    throw new StateConflictError(
      `you already acted on this item at level ${otherLevel.level}; one person acts at one level of an item (separation of duties)`,
    );
  }
  return level;
}

/** Secrecy administrators act on blocked and referred items of their own unit. */
export function assertAdminOfUnit(actor: Actor, unitId: string): void {
  if (!actor.roles.includes('admin')) throw new ForbiddenActError('only a secrecy administrator (admin) may do this');
  if (actor.unitId !== unitId) throw new ForbiddenActError('the item belongs to another unit');
}

/** Who may see an item: a reviewer or admin of its unit. */
export function canView(actor: Actor, unitId: string): boolean {
  return actor.unitId === unitId && actor.roles.length > 0;
}

/** 撤稿 after release: the unit's leader in charge, its chief or a secrecy administrator. */
export function assertMayRecall(actor: Actor, unitId: string): void {
  if (!actor.roles.some((role) => role === 'leader' || role === 'chief' || role === 'admin')) {
    throw new ForbiddenActError('only a leader, chief or secrecy administrator of the unit may recall an item');
  }
  if (actor.unitId !== unitId) throw new ForbiddenActError('the item belongs to another unit');
}

/** Service-wide settings: any secrecy administrator. */
export function assertAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin')) throw new ForbiddenActError('only a secrecy administrator (admin) may do this');
}

/** A CMS (API client) as far as permissions go: the units the operator registered it to submit for. */
export interface ClientFacts {
  unitIds: readonly string[];
}

/** A CMS submits only for its registered units; the caller refuses with 403 on field unit. */
export function clientMaySubmitFor(client: ClientFacts, unitId: string): boolean {
  return client.unitIds.includes(unitId);
}

/** A channel's owning unit; null for a service-wide channel, which only the operator manages (CLI). */
export type ChannelOwner = string | null;

const OPERATOR_CHANNELS = 'service-wide channels are managed by the operator with the CLI (npm run -s cli -- channel:…)';

/** A secrecy administrator sees the service-wide channels and their own unit's, no other unit's. */
export function canSeeChannel(actor: Actor, owner: ChannelOwner): boolean {
  return actor.roles.includes('admin') && (owner === null || owner === actor.unitId);
}

/** Adding a channel through the API: an admin, for their own unit only. */
export function assertMayAddChannel(actor: Actor, owner: ChannelOwner): void {
  assertAdmin(actor);
  if (owner === null) throw new ForbiddenActError(`an administrator adds channels for their own unit; ${OPERATOR_CHANNELS}`);
  if (owner !== actor.unitId) throw new ForbiddenActError('an administrator adds channels only for their own unit');
}

/** Deactivating a channel or rotating its secrets through the API: an admin of the owning unit. */
export function assertMayManageChannel(actor: Actor, owner: ChannelOwner): void {
  assertAdmin(actor);
  if (owner === null) throw new ForbiddenActError(`this is a service-wide channel: ${OPERATOR_CHANNELS}`);
  if (owner !== actor.unitId) throw new ForbiddenActError('the channel belongs to another unit');
}

/** Which channels an item of a unit may be released to: active, and service-wide or the unit's own. */
export function mayReleaseTo(unitId: string, channel: { owner: ChannelOwner; active: boolean }): boolean {
  return channel.active && (channel.owner === null || channel.owner === unitId);
}
