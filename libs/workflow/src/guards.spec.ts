import { ForbiddenActError, StateConflictError } from './domain-error';
import {
  Actor, assertAdminOfUnit, assertMayAddChannel, assertMayDecide, assertMayManageChannel, canSeeChannel, clientMaySubmitFor, ItemFacts, mayReleaseTo,
} from './guards';

const item = (overrides: Partial<ItemFacts> = {}): ItemFacts => ({
  state: 'awaiting_leader',
  unitId: 'u1',
  revision: 2,
  actedLevels: [],
  decidedLevels: ['filler'],
  ...overrides,
});
const actor = (overrides: Partial<Actor> = {}): Actor => ({ userId: 'a', roles: ['leader'], unitId: 'u1', ...overrides });

describe('assertMayDecide', () => {
  it('lets a reviewer act at the level of their role in their unit on the current revision', () => {
    expect(assertMayDecide(actor(), item(), 2)).toBe('leader');
  });

  it('refuses another unit and another level with 403', () => {
    expect(() => assertMayDecide(actor({ unitId: 'u2' }), item(), 2)).toThrow(ForbiddenActError);
    expect(() => assertMayDecide(actor({ roles: ['chief'] }), item(), 2)).toThrow(ForbiddenActError);
  });

  it('refuses a stale revision with 409', () => {
    expect(() => assertMayDecide(actor(), item(), 1)).toThrow(/revision 1 is stale/);
  });

  it('says 409 when the caller\'s own level was decided meanwhile by someone else', () => {
    expect(() => assertMayDecide(actor({ roles: ['filler'] }), item(), 2)).toThrow(StateConflictError);
  });

  it('keeps one person to one level of an item, whatever roles they hold', () => {
    const twoRoles = actor({ roles: ['filler', 'leader'] });
    expect(() => assertMayDecide(twoRoles, item({ actedLevels: [{ userId: 'a', level: 'filler' }] }), 2)).toThrow(/separation of duties/);
    expect(assertMayDecide(twoRoles, item({ actedLevels: [{ userId: 'b', level: 'filler' }] }), 2)).toBe('leader');
  });

  it('refuses items that await no decision', () => {
    expect(() => assertMayDecide(actor(), item({ state: 'blocked' }), 2)).toThrow(StateConflictError);
  });
});

describe('assertAdminOfUnit', () => {
  it('admits only an admin of the same unit', () => {
    expect(() => assertAdminOfUnit(actor({ roles: ['admin'] }), 'u1')).not.toThrow();
    expect(() => assertAdminOfUnit(actor({ roles: ['chief'] }), 'u1')).toThrow(ForbiddenActError);
    expect(() => assertAdminOfUnit(actor({ roles: ['admin'], unitId: 'u2' }), 'u1')).toThrow(ForbiddenActError);
  });
});

describe('clientMaySubmitFor', () => {
  const sut = clientMaySubmitFor;

  it('admits exactly the units the client is registered for', () => {
    expect(sut({ unitIds: ['u1', 'u2'] }, 'u2')).toBe(true);
    expect(sut({ unitIds: ['u1', 'u2'] }, 'u3')).toBe(false);
    expect(sut({ unitIds: [] }, 'u1')).toBe(false);
  });
});

describe('channel guards', () => {
  const admin = actor({ roles: ['admin'] });

  it('shows an admin the service-wide channels and their own unit\'s, never another unit\'s; others see none', () => {
    expect(canSeeChannel(admin, null)).toBe(true);
    expect(canSeeChannel(admin, 'u1')).toBe(true);
    expect(canSeeChannel(admin, 'u2')).toBe(false);
    expect(canSeeChannel(actor({ roles: ['chief'] }), null)).toBe(false);
  });

  it('lets an admin add channels for their own unit only; service-wide ones are the operator\'s', () => {
    expect(() => assertMayAddChannel(admin, 'u1')).not.toThrow();
    expect(() => assertMayAddChannel(admin, 'u2')).toThrow(ForbiddenActError);
    expect(() => assertMayAddChannel(admin, null)).toThrow(/operator/);
    expect(() => assertMayAddChannel(actor({ roles: ['leader'] }), 'u1')).toThrow(/only a secrecy administrator/);
  });

  it('lets an admin deactivate or rotate only their own unit\'s channels', () => {
    expect(() => assertMayManageChannel(admin, 'u1')).not.toThrow();
    expect(() => assertMayManageChannel(admin, null)).toThrow(/service-wide channel.*CLI/);
    expect(() => assertMayManageChannel(admin, 'u2')).toThrow(ForbiddenActError);
    expect(() => assertMayManageChannel(actor({ roles: ['chief'] }), 'u1')).toThrow(ForbiddenActError);
  });

  it('releases an item only to active channels that are service-wide or its unit\'s', () => {
    expect(mayReleaseTo('u1', { owner: null, active: true })).toBe(true);
    expect(mayReleaseTo('u1', { owner: 'u1', active: true })).toBe(true);
    expect(mayReleaseTo('u1', { owner: 'u2', active: true })).toBe(false);
    expect(mayReleaseTo('u1', { owner: 'u1', active: false })).toBe(false);
    expect(mayReleaseTo('u1', { owner: null, active: false })).toBe(false);
  });
});
