import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { seedUnit, Seeded, login } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { addChannel, newSecret, submitAndApprove, Tokens, tokensOf } from './publishing-fixtures';
import { WebhookReceiver } from './webhook-receiver';

interface FailedJson {
  id: string;
  itemId: string;
  title: string;
  kind: string;
  channel: string;
  revision: number;
  lastStatusCode: number | null;
}

/** Releases that failed for good reach the unit's secrecy administrators, and stay listed until dealt with. */
describe('failed deliveries for administrators', () => {
  let t: TestApp;
  let s: Seeded;
  let tokens: Tokens;
  let otherAdmin: string;
  let answer = 400;
  let channel: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '2' });
    s = await seedUnit(t);
    tokens = await tokensOf(t, s);
    const other = await seedUnit(t, 'u2', '-u2');
    otherAdmin = await login(t, other.users.admin);
    const secret = newSecret();
    channel = await WebhookReceiver.start(secret, () => answer);
    await addChannel(t, 'strict', channel.url, secret);
  });
  afterAll(async () => {
    await channel?.close();
    await t?.close();
  });

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const failedList = async (token = tokens.admin): Promise<FailedJson[]> => (await t.http.get('/api/v1/deliveries/failed').set(as(token)).expect(200)).body.deliveries;
  const failedOf = (itemId: string) => waitFor(async () => (await failedList()).find((d) => d.itemId === itemId), 20_000, `a failed delivery of ${itemId}`);
  const told = (itemId: string) => t.orm.em.fork().find(Notification, { itemId, kind: 'delivery_failed' });

  it('lists a release that failed for good, tells the admins once, and drops it when redelivered', async () => {
    answer = 400;
    const id = await submitAndApprove(t, s, tokens, 'failed-1', { channels: ['strict'] });
    const failed = await failedOf(id);
    expect(failed).toMatchObject({ kind: 'release', channel: 'strict', revision: 1, lastStatusCode: 400, title: '关于2026年政务公开工作的通知' });
    const notices = await told(id);
    expect(notices).toHaveLength(1);
    expect(notices[0].audience).toEqual({ role: 'admin' });
    expect(notices[0].detail).toMatchObject({ deliveryId: failed.id, channel: 'strict', kind: 'release' });

    // Reviewers who are not administrators, and another unit's administrator, see nothing of it.
    await t.http.get('/api/v1/deliveries/failed').set(as(tokens.chief)).expect(403);
    expect(await failedList(otherAdmin)).toEqual([]);
    await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(otherAdmin)).send({ comment: '已电话通知' }).expect(404);

    answer = 200;
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set(as(tokens.admin)).expect(202);
    expect((await failedList()).some((d) => d.id === failed.id)).toBe(false);
    await waitFor(async () => ((await t.http.get(`/api/v1/items/${id}`).set('X-Api-Key', s.apiKey)).body.state === 'published' ? true : undefined), 20_000, 'published');
    expect(await told(id)).toHaveLength(1);
  });

  it('drops a failed delivery dismissed with a reason, on the record; a second failure after redelivery lists it again', async () => {
    answer = 400;
    const id = await submitAndApprove(t, s, tokens, 'failed-2', { channels: ['strict'] });
    const failed = await failedOf(id);
    const noReason = await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(tokens.admin)).send({ comment: '  ' }).expect(422);
    expect(noReason.body.field).toBe('comment');
    await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(tokens.admin)).send({}).expect(400);
    await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(tokens.chief)).send({ comment: '渠道已下线' }).expect(403);
    await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(tokens.admin)).send({ comment: '渠道已下线，改为人工发布' }).expect(200);
    expect((await failedList()).some((d) => d.id === failed.id)).toBe(false);
    await t.http.post(`/api/v1/deliveries/${failed.id}/dismiss`).set(as(tokens.admin)).send({ comment: '再次' }).expect(409);
    const events = await t.orm.em.fork().find(AuditEvent, { itemId: id, action: 'delivery.dismissed' });
    expect(events.map((e) => [e.actor, e.data.comment])).toEqual([[`user:${s.users.admin}`, '渠道已下线，改为人工发布']]);

    // Redelivered and failing again, it is back on the list and the admins are told again.
    await t.http.post(`/api/v1/deliveries/${failed.id}/redeliver`).set(as(tokens.admin)).expect(202);
    await waitFor(async () => ((await told(id)).length === 2 ? true : undefined), 20_000, 'a second delivery_failed');
    expect((await failedList()).map((d) => d.id)).toContain(failed.id);
    expect((await t.cli('audit:verify')).code).toBe(0);
  });
});
