import { ForbiddenActError, StateConflictError } from './domain-error';
import { Actor, assertAdminOfUnit, assertMayDecide, ItemFacts } from './guards';

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
