import { EntityManager } from '@mikro-orm/core';
import { createHmac } from 'node:crypto';
import { inTransaction } from '../../src/database/transaction';
import { DigestService } from '../../src/notifications/digest.service';
import { NotificationMessage } from '../../src/notifications/entities/notification-message.entity';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { NoticeProcessor } from '../../src/notifications/notice.processor';
import { DatabaseNotificationOutbox } from '../../src/notifications/notification-outbox.service';
import { NotificationOutbox } from '../../src/notifications/notification-request';
import { deleteRedisKeys } from '../support/test-config';
import { itemBody, login, PASSWORD, waitForState } from '../support/fixtures';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { MailServer, ReceivedMail } from './mail-server';
import { HOSTILE_TITLE, ok, People, seedPeople } from './notification-fixtures';
import { RobotCall, RobotReceiver } from './robot-receiver';

const PUBLIC_URL = 'https://clearance.example.gov.cn';
const DING_SECRET = 'SEC0123456789abcdef';
const FEISHU_SECRET = 'feishu-signing-secret';

describe('notifications: mail and group robots from the outbox', () => {
  let t: TestApp;
  let smtp: MailServer;
  let robots: RobotReceiver;
  let people: People;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await MailServer.start();
    robots = await RobotReceiver.start();
    t = await startTestApp({
      SMTP_URL: smtp.url, NOTIFY_FROM: '密审 <miseng@example.gov.cn>', PUBLIC_URL, NOTIFY_POLL_MS: '200', NOTIFY_BACKOFF_MS: '50', NOTIFY_MAX_ATTEMPTS: '3',
      DIGEST_DAILY_AT: 'off', DIGEST_WEEKLY_AT: 'off',
    });
    people = await seedPeople(t);
    await ok(t, 'unit:robot-add', '--unit', 'u1', '--kind', 'wecom', '--url', robots.url('/cgi-bin/webhook/send?key=wecom-key'));
    await ok(t, 'unit:robot-add', '--unit', 'u1', '--kind', 'dingtalk', '--url', robots.url('/robot/send?access_token=ding-token'), '--secret', DING_SECRET);
    await ok(t, 'unit:robot-add', '--unit', 'u1', '--kind', 'feishu', '--url', robots.url('/open-apis/bot/v2/hook/feishu-hook'), '--secret', FEISHU_SECRET);
    for (const name of ['f1', 'f2', 'l1', 'c1', 'a1']) tokens[name] = await login(t, name);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await robots?.close();
  });

  const mailsTo = (user: string, subject: string) => smtp.to(people.mail[user]).filter((m) => m.subject.includes(subject));
  const waitForMail = (user: string, subject: string) =>
    waitFor(async () => mailsTo(user, subject)[0], 20_000, `a mail "${subject}" to ${user}`);
  const robotCallsAbout = (path: string, word: string) => robots.at(path).filter((c) => JSON.stringify(c.json).includes(word));

  async function submit(externalId: string, title = HOSTILE_TITLE): Promise<string> {
    const response = await t.http.post('/api/v1/items').set('X-Api-Key', people.apiKey).send(itemBody('u1', externalId, { title })).expect(202);
    await waitForState(t, people.apiKey, response.body.id, 'awaiting_filler');
    return response.body.id as string;
  }

  const decide = (id: string, who: string, decision: string, revision = 1, comment?: string) =>
    t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${tokens[who]}`).send({ decision, revision, ...(comment ? { comment } : {}) }).expect(200);

  let first: string;

  it('mails a submission to the unit’s active fillers who have an address, with a link, the title escaped', async () => {
    first = await submit('n-1');
    const link = `${PUBLIC_URL}/#/items/${first}`;
    const [f1, f2] = [await waitForMail('f1', '【待初审】'), await waitForMail('f2', '【待初审】')];
    for (const mail of [f1, f2]) {
      expect(mail.subject).toBe(`【待初审】${HOSTILE_TITLE}`);
      expect(mail.text).toContain(link);
      expect(mail.text).toContain('请信息填报员审核');
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.html).toContain('&lt;b&gt;加粗&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>加粗');
      expect(mail.html).not.toContain('<at ');
      expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@clearance\.notifications>$/);
    }
    expect(f1.messageId).not.toBe(f2.messageId);
    // Nobody else: not the filler without an address, not the deactivated one, not another unit's, not the leader yet.
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.map((m) => m.to).flat().sort()).toEqual([people.mail.f1, people.mail.f2].sort());
  });

  it('posts each robot’s documented format, signed, with the title unable to become markup', async () => {
    const wecom = await waitFor(async () => robotCallsAbout('/cgi-bin/webhook/send', '待初审')[0], 20_000, 'the WeCom robot');
    expect(wecom.query.get('key')).toBe('wecom-key');
    expect(wecom.json.msgtype).toBe('markdown');
    const markdown = (wecom.json.markdown as { content: string }).content;
    expect(markdown).toContain(`[打开审核页面](${PUBLIC_URL}/#/items/${first})`);
    expect(markdown).toContain('\\[点我\\]\\(http://evil\\.example\\)');
    expect(markdown).toContain('＜b＞加粗＜/b＞');
    expect(markdown).not.toMatch(/(^|[^\\])\[点我\]/);
    expect(markdown).not.toContain('@all');

    const ding = await waitFor(async () => robotCallsAbout('/robot/send', '待初审')[0], 20_000, 'the DingTalk robot');
    expect(ding.query.get('access_token')).toBe('ding-token');
    const timestamp = ding.query.get('timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60 * 60 * 1000);
    // The receiver's check: base64(HmacSHA256(secret, timestamp + "\n" + secret)), url-decoded from the query.
    expect(ding.query.get('sign')).toBe(createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64'));
    expect(ding.json.msgtype).toBe('markdown');
    const dm = ding.json.markdown as { title: string; text: string };
    expect(dm.title).toContain('【待初审】');
    expect(dm.text).toContain(`(${PUBLIC_URL}/#/items/${first})`);
    expect(dm.text).not.toContain('**粗**');

    const feishu = await waitFor(async () => robotCallsAbout('/open-apis/bot/v2/hook/feishu-hook', '待初审')[0], 20_000, 'the Feishu robot');
    const seconds = feishu.json.timestamp as string;
    expect(seconds).toMatch(/^\d{10}$/);
    // Feishu's check: base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")).
    expect(feishu.json.sign).toBe(createHmac('sha256', `${seconds}\n${FEISHU_SECRET}`).update('').digest('base64'));
    expect(feishu.json.msg_type).toBe('interactive');
    const card = feishu.json.card as { header: { title: { tag: string; content: string } }; elements: Array<Record<string, unknown>> };
    expect(card.header.title.tag).toBe('plain_text');
    expect(JSON.stringify(card.elements)).not.toContain('lark_md');
    expect(JSON.stringify(card.elements)).toContain(`${PUBLIC_URL}/#/items/${first}`);
    expect(JSON.stringify(card)).not.toContain('<at user_id');
  });

  it('mails the leaders once the filler approves, and the chief only when it reaches 复核', async () => {
    await decide(first, 'f1', 'approve');
    const mail = await waitForMail('l1', '【待复审】');
    expect(mail.text).toContain(`${PUBLIC_URL}/#/items/${first}`);
    expect(mail.text).toContain('请分管领导审核');
    expect(mailsTo('c1', '【待复核】')).toHaveLength(0);
    expect(smtp.to(people.mail.f1).filter((m) => m.subject.includes('【待复审】'))).toHaveLength(0);
  });

  it('tells the secrecy administrators of a referral with its reason, and the leader when the office returns it', async () => {
    await decide(first, 'l1', 'refer', 1, '涉及<script>敏感</script>内容，请保密办审查');
    const mail = await waitForMail('a1', '【报保密办】');
    expect(mail.text).toContain('已在复审时报请保密办审查');
    expect(mail.text).toContain('理由：涉及<script>敏感</script>内容');
    expect(mail.html).toContain('&lt;script&gt;');
    await waitFor(async () => robotCallsAbout('/robot/send', '报保密办')[0], 20_000, 'the referral on the DingTalk robot');
    await t.http.post(`/api/v1/items/${first}/return`).set('Authorization', `Bearer ${tokens.a1}`).send({ comment: '经审查可以公开' }).expect(200);
    const back = await waitForMail('l1', '【退回复审】');
    expect(back.text).toContain('保密办已将');
    expect(back.text).toContain('理由：经审查可以公开');
  });

  it('tells the fillers of a rejection at a later level, and again when the new revision comes back to them', async () => {
    const id = await submit('n-2', '关于退回测试的通知');
    await decide(id, 'f2', 'approve');
    await waitForMail('l1', '【待复审】关于退回测试');
    await decide(id, 'l1', 'reject', 1, '附件信息不全');
    const rejected = await waitForMail('f1', '【已退回】关于退回测试');
    expect(rejected.text).toContain('在复审时被退回报送单位');
    await t.http.post('/api/v1/items').set('X-Api-Key', people.apiKey).send(itemBody('u1', 'n-2', { title: '关于退回测试的通知', body: '修改后的正文。' })).expect(202);
    await waitForState(t, people.apiKey, id, 'awaiting_filler');
    const revised = await waitForMail('f2', '【重新初审】关于退回测试');
    expect(revised.text).toContain('已报送第2版修订稿');
  });

  it('queues a dedupe key once, however often it is enqueued', async () => {
    const outbox = t.app.get(NotificationOutbox);
    const unitId = (await t.orm.em.fork().getConnection().execute<Array<{ id: string }>>("select id from units where code = 'u1'"))[0].id;
    const request = { kind: 'overdue' as const, itemId: first, unitId, audience: { level: 'leader' as const }, dedupeKey: `overdue:test:${first}`, detail: { level: 'leader', revision: 1 } };
    await inTransaction(t.orm.em, async ({ em }) => {
      await outbox.enqueue(em, request);
      await outbox.enqueue(em, request);
    });
    await inTransaction(t.orm.em, ({ em }) => outbox.enqueue(em, request));
    expect(await t.orm.em.fork().count(Notification, { dedupeKey: request.dedupeKey })).toBe(1);
  });

  it('still sends when Redis has lost the jobs: the reconciler derives them from the outbox', async () => {
    const worker = t.app.get(NoticeProcessor).worker;
    await worker.pause(true);
    const id = await submit('n-3', '关于丢失任务的通知');
    await waitFor(async () => ((await t.orm.em.fork().count(Notification, { itemId: id })) > 0 ? true : undefined), 10_000, 'the outbox row');
    // Whatever jobs the wake-up or the poll added are gone with the keys.
    await new Promise((r) => setTimeout(r, 400));
    await deleteRedisKeys(t.config.redis.url, `${t.config.queue.prefix}:notice:*`);
    worker.resume();
    await waitForMail('f1', '【待初审】关于丢失任务');
    await waitForMail('f2', '【待初审】关于丢失任务');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.subject.includes('关于丢失任务'))).toHaveLength(2);
  });

  it('retries a robot that fails, then sends once; gives up after NOTIFY_MAX_ATTEMPTS and records failed', async () => {
    let failures = 1;
    robots.answer = (call) => {
      if (call.path.includes('feishu') && failures-- > 0) return { status: 200, body: { code: 9499, msg: 'Bad Request' } };
      if (call.path === '/robot/send') return { status: 503, body: {} };
      return { status: 200, body: { errcode: 0, code: 0 } };
    };
    const id = await submit('n-4', '关于重试的通知');
    await waitFor(async () => (robotCallsAbout('/open-apis/bot/v2/hook/feishu-hook', '关于重试').length === 2 ? true : undefined), 20_000, 'the Feishu retry');
    const failed = await waitFor(async () => {
      const rows = await t.orm.em.fork().find(NotificationMessage, { transport: 'robot', notification: { itemId: id }, status: 'failed' });
      return rows.length ? rows : undefined;
    }, 20_000, 'the DingTalk message to fail');
    expect(failed[0].attemptCount).toBe(3);
    expect(failed[0].lastError).toBe('HTTP 503');
    expect(robotCallsAbout('/robot/send', '关于重试')).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(robotCallsAbout('/open-apis/bot/v2/hook/feishu-hook', '关于重试')).toHaveLength(2);
    robots.answer = () => ({ status: 200, body: { errcode: 0, code: 0 } });
  });

  it('counts what awaits me and what is overdue for the header badge', async () => {
    const f1 = await t.http.get('/api/v1/notifications/summary').set('Authorization', `Bearer ${tokens.f1}`).expect(200);
    const waiting = await t.http.get('/api/v1/reviews/queue').set('Authorization', `Bearer ${tokens.f1}`).expect(200);
    expect(f1.body).toEqual({ awaiting: waiting.body.items.length, overdue: 0 });
    expect(f1.body.awaiting).toBeGreaterThan(0);
    const recent = await t.http.get('/api/v1/notifications?limit=5').set('Authorization', `Bearer ${tokens.f1}`).expect(200);
    expect(recent.body.notifications.length).toBeGreaterThan(0);
    expect(recent.body.notifications[0].link).toMatch(new RegExp(`^${PUBLIC_URL}/#/items/`));
    await t.http.get('/api/v1/notifications/summary').expect(401);
    await t.http.get('/api/v1/notifications?limit=0').set('Authorization', `Bearer ${tokens.f1}`).expect(400);
  });

  it('writes each digest once per period, to leaders and chiefs, with what waits and the week’s figures', async () => {
    const digests = t.app.get(DigestService);
    const now = new Date();
    expect(await digests.run('daily', now)).toBe(1);
    await digests.run('daily', now);
    const daily = await waitForMail('c1', '【每日待审】');
    expect(daily.text).toContain('待初审');
    expect(daily.text).toContain('关于丢失任务的通知');
    expect(daily.text).toContain(`${PUBLIC_URL}/#/queue`);
    await waitForMail('l1', '【每日待审】');
    await digests.run('weekly', now);
    const weekly = await waitForMail('l1', '【一周通报】');
    expect(weekly.text).toMatch(/近 7 天收到稿件 \d+ 件/);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo('c1', '【每日待审】')).toHaveLength(1);
    expect(mailsTo('l1', '【每日待审】')).toHaveLength(1);
    expect(mailsTo('f1', '【每日待审】')).toHaveLength(0);
    expect(smtp.to(people.mail.g1)).toHaveLength(0);

    // A worker that was down at the scheduled time writes the owed digest later that day, once.
    const config = { ...t.config, notifications: { ...t.config.notifications, dailyAt: { hour: 0, minute: 0 }, weeklyAt: null } };
    const late = new DigestService(t.app.get(EntityManager), config, t.app.get(DatabaseNotificationOutbox), undefined as never);
    expect(await late.catchUp(now)).toBe(0);
    const tomorrow = new Date(now.getTime() + 24 * 3600_000);
    expect(await late.catchUp(tomorrow)).toBe(1);
    expect(await late.catchUp(tomorrow)).toBe(0);
    expect(await t.orm.em.fork().count(Notification, { kind: 'digest_daily' })).toBe(2);
  });

  it('lists and removes robots without ever printing their keys or secrets', async () => {
    const listed = await ok(t, 'unit:robot-list', '--unit', 'u1');
    expect(listed).toHaveLength(3);
    const text = listed.join('\n');
    for (const secret of ['wecom-key', 'ding-token', 'feishu-hook', DING_SECRET, FEISHU_SECRET]) expect(text).not.toContain(secret);
    const raw = await t.orm.em.fork().getConnection().execute<Array<{ url: string; secret: string | null }>>('select url, secret from unit_robots');
    for (const row of raw) expect(row.url.startsWith('enc:v1:')).toBe(true);
    const id = listed[0].split('\t')[0];
    await ok(t, 'unit:robot-remove', id);
    expect(await ok(t, 'unit:robot-list', '--unit', 'u1')).toHaveLength(2);
    const refused = await t.cli('unit:robot-add', '--unit', 'u1', '--kind', 'wecom', '--url', 'http://169.254.169.254/latest');
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toMatch(/link-local/);
    const unknownUnit = await t.cli('unit:robot-add', '--unit', 'nope', '--kind', 'feishu', '--url', robots.url('/x'));
    expect(unknownUnit.code).toBe(2);
  });

  it('does not ask someone to review at a level who decided the item at another (separation of duties), nor a user of the unit without that role', async () => {
    await ok(t, 'user:add', 'fl1', '--role', 'filler', '--role', 'leader', '--unit', 'u1', '--password', PASSWORD, '--email', 'fl1@u1.example.gov.cn');
    const fl1 = await login(t, 'fl1');
    const id = await submit('n-sod', '关于职责分离的通知');
    await waitFor(async () => (smtp.to('fl1@u1.example.gov.cn').some((m) => m.subject.includes('【待初审】关于职责分离')) ? true : undefined), 20_000, 'the 待初审 mail to fl1');
    await t.http.post(`/api/v1/items/${id}/decisions`).set('Authorization', `Bearer ${fl1}`).send({ decision: 'approve', revision: 1 }).expect(200);
    await waitForMail('l1', '【待复审】关于职责分离');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to('fl1@u1.example.gov.cn').filter((m) => m.subject.includes('【待复审】关于职责分离'))).toHaveLength(0);
    expect(mailsTo('f1', '【待复审】关于职责分离')).toHaveLength(0);
    expect(mailsTo('c1', '【待复审】关于职责分离')).toHaveLength(0);
  });
});

export type { ReceivedMail, RobotCall };
