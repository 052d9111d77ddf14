import { KeyRing } from '../../src/auth/secrets/key-ring';
import { CONTENT_SECURITY_POLICY } from '../../src/http/security-headers';
import { DASHBOARD_SESSION_SECONDS, signDashboardSession } from '../../src/ops/dashboard-session';
import { QUEUES } from '../../src/queue/queues';
import { login, seedUnit, Seeded } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('the queue dashboard at /ops/queues', () => {
  let t: TestApp;
  let s: Seeded;
  let admin: string;
  let filler: string;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedUnit(t);
    admin = await login(t, s.users.admin);
    filler = await login(t, s.users.filler);
  });
  afterAll(() => t?.close());

  it('is 401 for anyone without a session, and never served from a CMS key', async () => {
    expect((await t.http.get('/ops/queues/').expect(401)).body).toMatchObject({ statusCode: 401 });
    await t.http.get('/ops/queues/api/queues').expect(401);
    await t.http.get('/ops/queues/').set('X-Api-Key', s.apiKey).expect(401);
    await t.http.post('/api/v1/ops/dashboard-session').expect(401);
  });

  it('is 403 for a reviewer of another role, by token or when asking for a session', async () => {
    expect((await t.http.post('/api/v1/ops/dashboard-session').set('Authorization', `Bearer ${filler}`).expect(403)).headers['set-cookie']).toBeUndefined();
    await t.http.get('/ops/queues/').set('Authorization', `Bearer ${filler}`).expect(403);
  });

  it('gives a secrecy administrator a ten-minute HttpOnly, SameSite=Strict cookie scoped to the dashboard, which opens it read-only', async () => {
    const session = await t.http.post('/api/v1/ops/dashboard-session').set('Authorization', `Bearer ${admin}`).expect(204);
    const [setCookie] = session.headers['set-cookie'] as unknown as string[];
    expect(setCookie).toMatch(/^clearance_ops=[^;]+; Max-Age=600; Path=\/ops\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    cookie = setCookie.split(';')[0];

    const page = await t.http.get('/ops/queues/').set('Cookie', cookie).expect(200).expect('content-type', /html/);
    expect(page.text).toContain('密审队列');
    const scripts = [...page.text.matchAll(/src="(static\/js\/[^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) await t.http.get(`/ops/queues/${script}`).set('Cookie', cookie).expect(200).expect('content-type', /javascript/);
    // Its own path may use inline styles and its <base>; scripts stay 'self' only, and the rest of the site keeps the strict policy.
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("base-uri 'none'", "base-uri 'self'"));
    expect((await t.http.get('/').expect(200)).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const queues = await t.http.get('/ops/queues/api/queues').set('Cookie', cookie).expect(200);
    const listed = (queues.body.queues as Array<{ name: string; readOnlyMode: boolean }>).map((q) => [q.name, q.readOnlyMode]).sort();
    // Every queue of the one list, added ones included, each read-only.
    expect(listed).toEqual(Object.values(QUEUES).sort().map((name) => [name, true]));
    expect(listed.map(([name]) => name)).toEqual(expect.arrayContaining(['extract', 'notify', 'publish', 'scan']));
    await t.http.put('/ops/queues/api/queues/scan/pause').set('Cookie', cookie).expect(405);
    await t.http.delete('/ops/queues/api/queues/scan/clean/failed').set('Cookie', cookie).expect(405);
    await t.http.get('/ops/queues/').set('Authorization', `Bearer ${admin}`).expect(200);
  });

  it('refuses a forged, expired or foreign-key cookie, and one whose account was deactivated', async () => {
    const [body, , , signature] = cookie.split('=')[1].split('.');
    await t.http.get('/ops/queues/').set('Cookie', `clearance_ops=${body}.9999999999.x.${signature}`).expect(401);
    const ring = t.app.get(KeyRing);
    const userId = cookie.split('=')[1].split('.')[0];
    const expired = signDashboardSession(ring, userId, Date.now() - (DASHBOARD_SESSION_SECONDS + 1) * 1000);
    await t.http.get('/ops/queues/').set('Cookie', `clearance_ops=${expired}`).expect(401);
    const foreign = signDashboardSession(new KeyRing([{ id: 'other', key: Buffer.alloc(32, 1) }]), userId);
    await t.http.get('/ops/queues/').set('Cookie', `clearance_ops=${foreign}`).expect(401);
    await t.orm.em.fork().getConnection().execute('update users set active = ? where username = ?', [false, s.users.admin]);
    await t.http.get('/ops/queues/').set('Cookie', cookie).expect(401);
  });

  it('serves the page that trades the reviewer page\'s token for the cookie, without inline script', async () => {
    const page = await t.http.get('/ops').expect(200).expect('content-type', /html/);
    expect(page.text).toContain('<script src="/ops/ops.js"></script>');
    expect(page.text).not.toMatch(/<script>/);
    const script = await t.http.get('/ops/ops.js').expect(200).expect('content-type', /javascript/);
    expect(script.text).toContain("sessionStorage.getItem('clearance.session')");
  });
});
