import { PASSWORD, seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { SLOWDOWN_MS, throttleAddress } from '../../src/auth/login-throttle.service';

/**
 * Sign-in limits: per (user, address) and per address across users, counted before the password is
 * checked; a stranger's failures slow the guessing but never lock the owner out. Addresses other than
 * the peer's come from X-Forwarded-For, believed only from the proxies TRUST_PROXY names.
 */
describe('sign-in throttling', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    // The test client is the "proxy" (loopback); each request names the address it stands for.
    t = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '20', LOGIN_WINDOW_SECONDS: '600' });
    s = await seedUnit(t);
  });
  afterAll(() => t?.close());

  const signIn = (username: string, password: string, from: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const statuses = (responses: Array<{ status: number }>) =>
    responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  it('counts an attempt before its password is checked: of 60 concurrent guesses from one address, 5 are checked', async () => {
    const guesses = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(s.users.filler, `wrong-${i}`, '203.0.113.10')));
    expect(statuses(guesses)).toEqual({ 401: 5, 429: 55 });
    const refused = guesses.find((g) => g.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The limit holds for the right password too, from that address: it is the attacker's.
    await signIn(s.users.filler, PASSWORD, '203.0.113.10').expect(429);
  });

  it('does not lock the owner out: failures from strangers\' addresses slow them, the owner from a clean address gets in at once', async () => {
    const strangers = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5', '198.51.100.6'];
    const started = Date.now();
    const failures = await Promise.all(strangers.flatMap((from) => Array.from({ length: 5 }, (_, i) => signIn(s.users.leader, `guess-${i}`, from))));
    expect(statuses(failures)).toEqual({ 401: 30 });
    // Past the limit for this user, every failure answers only after the slowdown.
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOWDOWN_MS);
    await signIn(s.users.leader, 'one-more', strangers[0]).expect(429);

    const owner = Date.now();
    const signedIn = await signIn(s.users.leader, PASSWORD, '192.0.2.77').expect(200);
    expect(signedIn.body.user.username).toBe(s.users.leader);
    expect(Date.now() - owner).toBeLessThan(SLOWDOWN_MS);
  });

  it('limits one address across users: 44 guesses over 11 users get 20 checked, then even a right password from there waits', async () => {
    const from = '203.0.113.99';
    const guesses: Array<{ status: number }> = [];
    for (let round = 0; round < 4; round++) {
      guesses.push(...(await Promise.all(Array.from({ length: 11 }, (_, u) => signIn(`nobody-${u}`, `pw-${round}`, from)))));
    }
    expect(statuses(guesses)).toEqual({ 401: 20, 429: 24 });
    await signIn(s.users.chief, PASSWORD, from).expect(429);
    await signIn(s.users.chief, PASSWORD, '203.0.113.100').expect(200);
  });

  it('gives a correct password its attempt back, and clears the pair\'s failures', async () => {
    const from = '192.0.2.200';
    for (let i = 0; i < 4; i++) await signIn(s.users.admin, 'typo', from).expect(401);
    await signIn(s.users.admin, PASSWORD, from).expect(200);
    for (let i = 0; i < 4; i++) await signIn(s.users.admin, 'typo-again', from).expect(401);
    await signIn(s.users.admin, PASSWORD, from).expect(200);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(throttleAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(throttleAddress('203.0.113.5')).toBe('203.0.113.5');
  });
});

describe('sign-in behind no trusted proxy (the default)', () => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
    s = await seedUnit(t);
  });
  afterAll(() => t?.close());

  it('ignores X-Forwarded-For: a client cannot escape its limit by naming other addresses', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', `198.51.100.${i}`).send({ username: s.users.filler, password: 'wrong' }).expect(401);
    }
    await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.200').send({ username: s.users.filler, password: 'wrong' }).expect(429);
  });
});
