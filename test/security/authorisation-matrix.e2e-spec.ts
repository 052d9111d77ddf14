import { ITEM_STATES, ItemState, Level, levelOf, Role } from '@clearance/workflow';
import { itemBody, login, PASSWORD, seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every actor × every item state × every action on an item, generated, against the real service: any
 * answer other than the one the rules below give fails, and the failure lists each escalation (allowed
 * where it must be refused) and each wrongful refusal. The rules are written from DESIGN.md, not from
 * the code: a reviewer acts only at the level of their role and only inside their unit; a secrecy
 * administrator overrides blocked and returns referred items of their unit; the leader, chief or admin
 * recalls what is being published or published; the owning CMS sees its items and withdraws them until
 * released; anything of another unit, or of another CMS, is not found.
 */

type Actor =
  | { name: string; kind: 'user'; roles: Role[]; ownUnit: boolean }
  | { name: string; kind: 'client'; owner: boolean };

const ACTIONS = ['view', 'deliveries', 'approve', 'reject', 'refer', 'override', 'return', 'recall', 'withdraw'] as const;
type Action = (typeof ACTIONS)[number];

const USER_ACTIONS: readonly Action[] = ['approve', 'reject', 'refer', 'override', 'return', 'recall'];
const CLIENT_ACTIONS: readonly Action[] = ['withdraw'];
const RECALLABLE: readonly ItemState[] = ['publishing', 'published'];

/** The answer the rules give, and for a change, the state the item is in afterwards. */
function expected(actor: Actor, action: Action, state: ItemState): { status: number; to?: ItemState } {
  if (actor.kind === 'client' && USER_ACTIONS.includes(action)) return { status: 401 };
  if (actor.kind === 'user' && CLIENT_ACTIONS.includes(action)) return { status: 401 };
  if (action === 'view' || action === 'deliveries') {
    return { status: (actor.kind === 'user' ? actor.ownUnit : actor.owner) ? 200 : 404 };
  }
  if (actor.kind === 'client') {
    // withdraw
    if (!actor.owner) return { status: 404 };
    if (state === 'withdrawn') return { status: 200, to: 'withdrawn' };
    if (state === 'published' || state === 'recalled') return { status: 409 };
    return { status: 200, to: 'withdrawn' };
  }
  if (!actor.ownUnit) return { status: 404 };
  switch (action) {
    case 'approve':
    case 'reject':
    case 'refer': {
      const level = levelOf(state);
      if (!level) return { status: 409 };
      if (!actor.roles.includes(level)) return { status: 403 };
      return { status: 200, to: action === 'reject' ? 'rejected' : action === 'refer' ? 'referred' : afterApproval(level) };
    }
    case 'override':
      if (!actor.roles.includes('admin')) return { status: 403 };
      return state === 'blocked' ? { status: 200, to: 'awaiting_filler' } : { status: 409 };
    case 'return':
      if (!actor.roles.includes('admin')) return { status: 403 };
      return state === 'referred' ? { status: 200, to: 'awaiting_filler' } : { status: 409 };
    case 'recall':
      if (!actor.roles.some((r) => r === 'leader' || r === 'chief' || r === 'admin')) return { status: 403 };
      return RECALLABLE.includes(state) ? { status: 200, to: 'recalled' } : { status: 409 };
    default:
      throw new Error(`no rule for ${action}`);
  }
}

/** Approval at the last level hands the item to publishing in the same transaction. */
function afterApproval(level: Level): ItemState {
  return level === 'filler' ? 'awaiting_leader' : level === 'leader' ? 'awaiting_chief' : 'publishing';
}

describe('authorisation matrix: every actor × every item state × every action', () => {
  let t: TestApp;
  let s: Seeded;
  const credentials = new Map<string, { header: string; value: string }>();
  const actors: Actor[] = [
    { name: 'filler', kind: 'user', roles: ['filler'], ownUnit: true },
    { name: 'leader', kind: 'user', roles: ['leader'], ownUnit: true },
    { name: 'chief', kind: 'user', roles: ['chief'], ownUnit: true },
    { name: 'admin', kind: 'user', roles: ['admin'], ownUnit: true },
    // The worst case from outside: every role, in another unit.
    { name: 'outsider', kind: 'user', roles: ['filler', 'leader', 'chief', 'admin'], ownUnit: false },
    { name: 'owning CMS', kind: 'client', owner: true },
    { name: 'another CMS of the unit', kind: 'client', owner: false },
    { name: 'another unit\'s CMS', kind: 'client', owner: false },
  ];

  beforeAll(async () => {
    // The api role alone: no worker moves an item on its own, so each stays in the state it is put in.
    t = await startTestApp({ ROLE: 'api' });
    s = await seedUnit(t);
    const other = await seedUnit(t, 'u2', '-2');
    expect((await t.cli('channel:add', 'portal', '--url', 'http://127.0.0.1:9/portal')).code).toBe(0);
    expect((await t.cli('user:add', 'outsider', '--role', 'filler', '--role', 'leader', '--role', 'chief', '--role', 'admin', '--unit', other.unit, '--password', PASSWORD)).code).toBe(0);
    const sibling = await t.cli('client:add', 'cms-u1-sibling', '--unit', s.unit);
    for (const name of ['filler', 'leader', 'chief', 'admin'] as const) credentials.set(name, { header: 'Authorization', value: `Bearer ${await login(t, s.users[name])}` });
    credentials.set('outsider', { header: 'Authorization', value: `Bearer ${await login(t, 'outsider')}` });
    credentials.set('owning CMS', { header: 'X-Api-Key', value: s.apiKey });
    credentials.set('another CMS of the unit', { header: 'X-Api-Key', value: sibling.out[sibling.out.length - 1] });
    credentials.set('another unit\'s CMS', { header: 'X-Api-Key', value: other.apiKey });
  });
  afterAll(() => t?.close());

  const sql = (query: string, params: unknown[]) => t.orm.em.fork().getConnection().execute(query, params) as Promise<Array<Record<string, unknown>>>;
  let serial = 0;
  /** A fresh item of the unit, put straight into `state` (nothing has been decided on it). */
  async function itemIn(state: ItemState): Promise<string> {
    const submitted = await t.http.post('/api/v1/items').set('X-Api-Key', s.apiKey).send(itemBody(s.unit, `matrix-${state}-${serial++}`)).expect(202);
    await sql('update items set state = ?, referred_from = null where id = ?', [state, submitted.body.id]);
    return submitted.body.id as string;
  }
  const stateOf = async (id: string) => (await sql('select state from items where id = ?', [id]))[0].state as ItemState;

  function call(actor: Actor, action: Action, id: string) {
    const { header, value } = credentials.get(actor.name)!;
    const comment = { comment: '矩阵测试' };
    const request = (() => {
      switch (action) {
        case 'view': return t.http.get(`/api/v1/items/${id}`);
        case 'deliveries': return t.http.get(`/api/v1/items/${id}/deliveries`);
        case 'approve':
        case 'reject':
        case 'refer': return t.http.post(`/api/v1/items/${id}/decisions`).send({ decision: action, revision: 1, ...comment });
        case 'override': return t.http.post(`/api/v1/items/${id}/override`).send(comment);
        case 'return': return t.http.post(`/api/v1/items/${id}/return`).send(comment);
        case 'recall': return t.http.post(`/api/v1/items/${id}/recall`).send(comment);
        case 'withdraw': return t.http.delete(`/api/v1/items/${id}`);
      }
    })();
    return request.set(header, value);
  }

  it('answers every cell as the rules say, on both databases, within bounded time', async () => {
    const started = Date.now();
    const problems: string[] = [];
    let cells = 0;
    for (const state of ITEM_STATES) {
      // Refusals and reads share one item per state, which must not move; each allowed change gets its own.
      const shared = await itemIn(state);
      const work = actors.flatMap((actor) => ACTIONS.map((action) => ({ actor, action, rule: expected(actor, action, state) })));
      const run = async ({ actor, action, rule }: (typeof work)[number]) => {
        const changes = rule.status === 200 && rule.to !== undefined;
        const id = changes ? await itemIn(state) : shared;
        const response = await call(actor, action, id);
        cells += 1;
        const where = `${actor.name} ${action} on ${state}`;
        if (response.status !== rule.status) {
          const what = response.status < 300 ? 'ESCALATION' : rule.status < 300 ? 'WRONGFUL REFUSAL' : 'wrong refusal';
          problems.push(`${what}: ${where} answered ${response.status} (${response.body?.message ?? ''}), the rules say ${rule.status}`);
        }
        if (changes && response.status === 200 && (await stateOf(id)) !== rule.to) problems.push(`${where} left the item ${await stateOf(id)}, not ${rule.to}`);
      };
      // A few at a time: the refusals on the shared item cannot interfere, the changes each have their own item.
      for (let i = 0; i < work.length; i += 6) await Promise.all(work.slice(i, i + 6).map(run));
      const after = await stateOf(shared);
      if (after !== state) problems.push(`ESCALATION: the shared ${state} item moved to ${after} on refused calls`);
    }
    expect(problems).toEqual([]);
    expect(cells).toBe(ITEM_STATES.length * actors.length * ACTIONS.length);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
});
