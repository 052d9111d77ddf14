import * as X from '../../src/openapi/examples';
import { itemBody, waitForState } from '../support/fixtures';
import { TestApp, waitFor } from '../support/test-app';
import { WebhookReceiver } from '../publishing/webhook-receiver';

/** One request the tour sent: which operation, which documented example (if any), and what came back. */
export interface Visit {
  operationId: string;
  example?: string;
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

export interface Document {
  paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string; example?: unknown }>; requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> } }>>;
}

export function operationOf(doc: Document, operationId: string) {
  for (const methods of Object.values(doc.paths)) for (const operation of Object.values(methods)) if (operation.operationId === operationId) return operation;
  throw new Error(`${operationId} is not in the document`);
}

export function documentedExamples(doc: Document, operationId: string): Record<string, unknown> {
  const examples = operationOf(doc, operationId).requestBody?.content['application/json']?.examples ?? {};
  return Object.fromEntries(Object.entries(examples).map(([name, example]) => [name, example.value]));
}

const documentedParameters = (doc: Document, operationId: string) => operationOf(doc, operationId).parameters ?? [];

export interface TourSetup {
  apiKey: string;
  receivers: WebhookReceiver[];
  /** The CMS's callbackUrl, verifying with the client's callback secret. */
  cms: WebhookReceiver;
}

const ok = async (t: TestApp, ...argv: string[]): Promise<string[]> => {
  const result = await t.cli(...argv);
  if (result.code !== 0) throw new Error(`cli ${argv.join(' ')}: ${result.err.join('\n')}`);
  return result.out;
};

/** The service set up as the examples assume: unit u1, its four reviewers, a CMS client, and channel portal at a real receiver. */
export async function setUpForExamples(t: TestApp): Promise<TourSetup> {
  await ok(t, 'unit:add', X.EXAMPLE_UNIT, '某某县政务服务管理局');
  for (const [role, username] of Object.entries(X.EXAMPLE_USERS)) await ok(t, 'user:add', username, '--role', role, '--unit', X.EXAMPLE_UNIT, '--password', X.EXAMPLE_PASSWORD);
  const client = await ok(t, 'client:add', 'cms', '--unit', X.EXAMPLE_UNIT, '--callback-origin', X.EXAMPLE_CALLBACK_ORIGIN, '--callback-origin', 'http://127.0.0.1:*');
  const portalSecret = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
  const portal = await WebhookReceiver.start(portalSecret);
  await ok(t, 'channel:add', 'portal', '--url', portal.url, '--secret', portalSecret);
  // A channel that refuses for good, so a delivery fails and can be redelivered.
  const brokenSecret = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
  const broken = await WebhookReceiver.start(brokenSecret, () => 400);
  await ok(t, 'channel:add', 'archive', '--url', broken.url, '--secret', brokenSecret);
  const callbackSecret = client[client.length - 2].slice(client[client.length - 2].indexOf('whsec_'));
  const cms = await WebhookReceiver.start(callbackSecret);
  return { apiKey: client[client.length - 1], receivers: [portal, broken, cms], cms };
}

/**
 * Sends every documented request example, and one request to every other documented operation, in an order in
 * which each can succeed (an item is blocked before it is overridden, published before it is recalled).
 */
export async function tour(t: TestApp, setup: TourSetup, doc: Document): Promise<Visit[]> {
  const visits: Visit[] = [];
  const key = { 'X-Api-Key': setup.apiKey };
  const send = async (operationId: string, method: 'get' | 'post' | 'patch' | 'delete', path: string, headers: Record<string, string>, body?: unknown, example?: string) => {
    let request = t.http[method](path);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    const response = await (body === undefined ? request : request.send(body as object));
    const visit: Visit = { operationId, example, method, path, status: response.status, contentType: String(response.headers['content-type'] ?? ''), body: response.body };
    visits.push(visit);
    return visit;
  };
  // The examples are taken from the served document, so what is tested is what an integrator reads.
  const each = async (operationId: string, call: (value: unknown, name: string) => Promise<Visit>) => {
    const examples = documentedExamples(doc, operationId);
    if (!Object.keys(examples).length) throw new Error(`${operationId} documents no request example`);
    for (const [name, value] of Object.entries(examples)) await call(value, name);
  };

  await send('HealthController_check', 'get', '/health', {});
  const bearer: Record<string, Record<string, string>> = {};
  await each('AuthController_login', (value, name) => send('AuthController_login', 'post', '/api/v1/auth/login', {}, value, name));
  for (const [role, username] of Object.entries(X.EXAMPLE_USERS)) {
    const response = await t.http.post('/api/v1/auth/login').send({ username, password: X.EXAMPLE_PASSWORD }).expect(200);
    bearer[role] = { Authorization: `Bearer ${response.body.accessToken}` };
  }
  const { filler, leader, chief, admin } = bearer;
  await send('AuthController_refresh', 'post', '/api/v1/auth/refresh', filler);
  await send('AuthController_view', 'get', '/api/v1/auth/account', filler);
  await each('AuthController_update', (value, name) => send('AuthController_update', 'patch', '/api/v1/auth/account', filler, value, name));

  await each('ScanController_scan', (value, name) => send('ScanController_scan', 'post', '/api/v1/scan', key, value, name));
  const submitted: Record<string, string> = {};
  await each('ItemsController_submit', async (value, name) => {
    const visit = await send('ItemsController_submit', 'post', '/api/v1/items', key, value, name);
    submitted[name] = (visit.body as { id: string }).id;
    return visit;
  });
  await send('ItemsController_submit', 'post', '/api/v1/items', key, X.SUBMIT_BAD_AUTHOR);
  const main = submitted.text;
  const withFile = submitted.withAttachment;
  await waitForState(t, setup.apiKey, main, 'awaiting_filler');
  await waitForState(t, setup.apiKey, withFile, 'awaiting_filler');

  await send('ReviewsController_queue', 'get', '/api/v1/reviews/queue?limit=20', filler);
  await send('ItemsController_view', 'get', `/api/v1/items/${withFile}`, filler);
  await send('ItemsController_parts', 'get', `/api/v1/items/${withFile}/attachments/0/parts`, filler);
  await send('AttachmentDownloadsController_forReviewer', 'get', `/api/v1/items/${withFile}/revisions/1/attachments/0`, filler);

  // The approve example at all three levels, on both submitted items: both get published to portal.
  const decide = documentedExamples(doc, 'ReviewsController_decide');
  const reasons = (operationId: string) => Object.entries(documentedExamples(doc, operationId))[0];
  for (const id of [main, withFile]) {
    for (const who of [filler, leader, chief]) await send('ReviewsController_decide', 'post', `/api/v1/items/${id}/decisions`, who, decide.approve, 'approve');
  }
  await waitForState(t, setup.apiKey, withFile, 'published');
  await send('ReleaseController_deliveries', 'get', `/api/v1/items/${withFile}/deliveries`, key);
  const release = await waitFor(async () => setup.receivers[0].events().find((e) => e.itemId === withFile && e.event === 'item.released'), 10_000, 'the release');
  const link = new URL(((release.attachments as Array<{ url: string }>)[0]).url);
  await send('AttachmentDownloadsController_forChannel', 'get', link.pathname + link.search, {});
  await send('ReleaseController_recall', 'post', `/api/v1/items/${withFile}/recall`, chief, reasons('ReleaseController_recall')[1], reasons('ReleaseController_recall')[0]);

  const fresh = async (externalId: string, overrides: object = {}) => {
    const response = await t.http.post('/api/v1/items').set(key).send(itemBody(X.EXAMPLE_UNIT, externalId, overrides)).expect(202);
    return response.body.id as string;
  };
  const rejected = await fresh('tour-reject');
  const referred = await fresh('tour-refer');
  const blocked = await fresh('tour-block', { body: '机密★10年\n关于某项目的情况说明。' });
  await waitForState(t, setup.apiKey, rejected, 'awaiting_filler');
  await waitForState(t, setup.apiKey, referred, 'awaiting_filler');
  await waitForState(t, setup.apiKey, blocked, 'blocked');
  await send('ReviewsController_decide', 'post', `/api/v1/items/${rejected}/decisions`, filler, decide.reject, 'reject');
  await send('ReviewsController_decide', 'post', `/api/v1/items/${referred}/decisions`, filler, decide.refer, 'refer');
  await send('ReviewsController_returnReferred', 'post', `/api/v1/items/${referred}/return`, admin, reasons('ReviewsController_returnReferred')[1], reasons('ReviewsController_returnReferred')[0]);
  await send('ReviewsController_override', 'post', `/api/v1/items/${blocked}/override`, admin, reasons('ReviewsController_override')[1], reasons('ReviewsController_override')[0]);
  await send('ReleaseController_withdraw', 'delete', `/api/v1/items/${rejected}`, key);
  const withheld = await fresh('tour-withhold', { callbackUrl: setup.cms.url });
  await waitForState(t, setup.apiKey, withheld, 'awaiting_filler');
  await send('ReviewsController_withhold', 'post', `/api/v1/items/${withheld}/withhold`, admin, reasons('ReviewsController_withhold')[1], reasons('ReviewsController_withhold')[0]);

  // The item with a review-level hit: claimed, seen in the queue with its claim and due time, released, then approved
  // at 初审 with a disposition of its hit; a second revision then gives the revision list, diff and hit pages something to show.
  const hotline = await fresh(X.HOTLINE_ITEM.externalId, { title: X.HOTLINE_ITEM.title, body: X.HOTLINE_ITEM.body });
  await waitForState(t, setup.apiKey, hotline, 'awaiting_filler');
  await each('ClaimsController_claim', (value, name) => send('ClaimsController_claim', 'post', `/api/v1/items/${hotline}/claim`, filler, value, name));
  await send('ClaimsController_current', 'get', `/api/v1/items/${hotline}/claim`, filler);
  await send('ReviewsController_queue', 'get', '/api/v1/reviews/queue?limit=20', filler);
  await send('ClaimsController_release', 'delete', `/api/v1/items/${hotline}/claim`, filler);
  await send('ReviewsController_decide', 'post', `/api/v1/items/${hotline}/decisions`, filler, decide.approveWithDispositions, 'approveWithDispositions');
  await send('ItemsController_view', 'get', `/api/v1/items/${hotline}`, filler);
  await t.http.post('/api/v1/items').set(key).send(itemBody(X.EXAMPLE_UNIT, X.HOTLINE_ITEM.externalId, { title: X.HOTLINE_ITEM.title, body: X.HOTLINE_ITEM.body.replace('13812345678', '0817-2345678') })).expect(202);
  await waitForState(t, setup.apiKey, hotline, 'awaiting_filler');
  await send('RevisionsController_list', 'get', `/api/v1/items/${hotline}/revisions`, key);
  await send('RevisionsController_get', 'get', `/api/v1/items/${hotline}/revisions/1`, filler);
  const parameterQuery = (operationId: string) => new URLSearchParams(Object.fromEntries(documentedParameters(doc, operationId).filter((p) => p.in === 'query' && p.example !== undefined).map((p) => [p.name, String(p.example)])));
  await send('RevisionsController_diff', 'get', `/api/v1/items/${hotline}/diff?${parameterQuery('RevisionsController_diff')}`, filler);
  await send('RevisionsController_hits', 'get', `/api/v1/items/${hotline}/hits?${parameterQuery('RevisionsController_hits')}`, filler);
  await send('ItemListController_items', 'get', `/api/v1/items?${parameterQuery('ItemListController_items')}`, filler);

  // A release the archive channel refuses for good, then redelivered.
  const failing = await fresh('tour-redeliver', { channels: ['archive'] });
  await waitForState(t, setup.apiKey, failing, 'awaiting_filler');
  for (const who of [filler, leader, chief]) await t.http.post(`/api/v1/items/${failing}/decisions`).set(who).send({ decision: 'approve', revision: 1 }).expect(200);
  const failed = await waitFor(async () => {
    const response = await t.http.get(`/api/v1/items/${failing}/deliveries`).set(key);
    return (response.body.deliveries as Array<{ id: string; kind: string; status: string }>).find((d) => d.kind === 'release' && d.status === 'failed');
  }, 15_000, 'a failed delivery');
  await send('FailedDeliveriesController_list', 'get', '/api/v1/deliveries/failed', admin);
  await send('ReleaseController_redeliver', 'post', `/api/v1/deliveries/${failed.id}/redeliver`, admin);
  // The redelivery fails again for good; then it is dismissed with a reason.
  await waitFor(async () => {
    const response = await t.http.get('/api/v1/deliveries/failed').set(admin);
    return (response.body.deliveries as Array<{ id: string }>).some((d) => d.id === failed.id) || undefined;
  }, 15_000, 'the redelivery to fail again');
  await each('FailedDeliveriesController_dismiss', (value, name) => send('FailedDeliveriesController_dismiss', 'post', `/api/v1/deliveries/${failed.id}/dismiss`, admin, value, name));

  await send('ChannelsController_list', 'get', '/api/v1/channels', admin);
  await each('ChannelsController_add', (value, name) => send('ChannelsController_add', 'post', '/api/v1/channels', admin, value, name));
  const channel = (Object.values(documentedExamples(doc, 'ChannelsController_add'))[0] as { name: string }).name;
  await each('ChannelsController_addSecret', (value, name) => send('ChannelsController_addSecret', 'post', `/api/v1/channels/${channel}/secrets`, admin, value, name));
  await send('ChannelsController_retirePrevious', 'delete', `/api/v1/channels/${channel}/secrets/previous`, admin);
  await send('ChannelsController_deactivate', 'delete', `/api/v1/channels/${channel}`, admin);

  await send('LexiconController_summary', 'get', '/api/v1/lexicon', admin);
  let termId = '';
  await each('LexiconController_add', async (value, name) => {
    const visit = await send('LexiconController_add', 'post', '/api/v1/lexicon/terms', admin, value, name);
    termId = (visit.body as { term: { id: string } }).term.id;
    return visit;
  });
  await send('LexiconController_terms', 'get', '/api/v1/lexicon/terms', admin);
  await each('LexiconController_change', (value, name) => send('LexiconController_change', 'patch', `/api/v1/lexicon/terms/${termId}`, admin, value, name));
  await send('LexiconController_deactivate', 'delete', `/api/v1/lexicon/terms/${termId}`, admin);

  const query = Object.fromEntries(documentedParameters(doc, 'ReportsController_summary').filter((p) => p.in === 'query').map((p) => [p.name, String(p.example)]));
  await send('ReportsController_summary', 'get', `/api/v1/reports/summary?${new URLSearchParams(query)}`, chief);
  await send('ItemsController_view', 'get', `/api/v1/items/${main}`, key);
  await send('MetricsController_scrape', 'get', '/metrics', admin);
  await send('DashboardSessionController_open', 'post', '/api/v1/ops/dashboard-session', admin);
  await send('DashboardSessionController_close', 'delete', '/api/v1/ops/dashboard-session', admin);
  await send('NotificationsController_summary', 'get', '/api/v1/notifications/summary', filler);
  await send('NotificationsController_recent', 'get', `/api/v1/notifications?${parameterQuery('NotificationsController_recent')}`, filler);

  // Last: a password change ends the person's other sessions, and a logout ends this one.
  const own = await t.http.post('/api/v1/auth/login').send({ username: X.EXAMPLE_USERS.filler, password: X.EXAMPLE_PASSWORD }).expect(200);
  const session = { Authorization: `Bearer ${own.body.accessToken}` };
  await each('AuthController_changePassword', (value, name) => send('AuthController_changePassword', 'post', '/api/v1/auth/password', session, value, name));
  await send('AuthController_logout', 'post', '/api/v1/auth/logout', session);
  return visits;
}
