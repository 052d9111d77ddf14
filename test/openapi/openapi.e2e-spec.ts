import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isApiPath } from '../../src/openapi/openapi-document';
import { OPERATIONS } from '../../src/openapi/operations';
import { startTestApp, TestApp, waitFor } from '../support/test-app';
import { Document, documentedExamples, operationOf, setUpForExamples, tour, TourSetup, Visit } from './api-tour';

type Schema = Record<string, unknown>;
type Responses = Record<string, { content?: Record<string, { schema?: Schema; example?: unknown }> }>;

/**
 * Routes that are not the API: Nest's catch-all 404, and what lies outside /api/, /health and /metrics (the reviewer
 * page's files, the dashboard's pages), the same rule the document uses; and this document's own file and page.
 */
const notApi = (path: string): boolean => path === '/{*all}' || !isApiPath(path) || /^\/api\/v1\/(openapi\.json$|docs(\/|$))/.test(path);

/** Every route the express app really serves, as `METHOD /path/{param}`, read from its router stack. */
function servedRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
    if (notApi(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let setup: TourSetup;
  let doc: Document & { openapi: string; tags: Array<{ name: string }>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> }; webhooks: Record<string, unknown> };
  let visits: Visit[];
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const validate = (schema: Schema, value: unknown): string | null => {
    const check = ajv.compile({ ...schema, components: doc.components });
    return check(value) ? null : ajv.errorsText(check.errors);
  };

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '2', OUTBOUND_ALLOW: '127.0.0.0/8,10.20.0.0/16' });
    setup = await setUpForExamples(t);
    doc = (await t.http.get('/api/v1/openapi.json').expect(200).expect('content-type', /json/)).body;
    visits = await tour(t, setup, doc);
  });
  afterAll(async () => {
    for (const receiver of setup?.receivers ?? []) await receiver.close();
    await t?.close();
  });

  it('is OpenAPI 3.1 with both auth schemes, the error shape and the webhooks', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
    expect(doc.components.schemas.Error).toMatchObject({ required: ['statusCode', 'error', 'message'] });
    expect(Object.keys(doc.webhooks).sort()).toEqual(['callback', 'recall', 'release']);
    expect(operationOf(doc, 'ItemsController_submit')).toMatchObject({ security: [{ apiKey: [] }] });
    expect(operationOf(doc, 'ReviewsController_queue')).toMatchObject({ security: [{ bearer: [] }] });
    // Bodies come from the DTOs' rules: author is an object, and the queue's limit and cursor are query parameters.
    expect(doc.components.schemas.SubmitItemDto).toMatchObject({ properties: { author: { $ref: '#/components/schemas/AuthorDto' } }, additionalProperties: false });
    expect(doc.components.schemas.ReasonDto).toMatchObject({ required: ['comment'] });
    expect(doc.components.schemas.DecideDto).toMatchObject({ properties: { contentHash: { pattern: '^[0-9a-f]{64}$' } } });
    expect(operationOf(doc, 'ReviewsController_queue').parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'limit']);
    expect(doc.components.schemas.DecideDto).toMatchObject({ properties: { dispositions: { type: 'array', items: { $ref: '#/components/schemas/DispositionDto' } } } });
    expect(doc.components.schemas.OverrideDto).toMatchObject({ properties: { confirmMarking: { type: 'string', minLength: 1 } }, required: ['comment'] });
    expect((doc.components.schemas.ItemScan.properties as Record<string, unknown>).hitGroups).toBeDefined();
    expect(JSON.stringify(doc.webhooks.callback)).toContain('item.withheld');
    // Every tag an operation uses is in the document's ordered list, so the page shows it in its place.
    const listed = new Set((doc.tags as Array<{ name: string }>).map((tag) => tag.name));
    for (const methods of Object.values(doc.paths)) for (const operation of Object.values(methods)) for (const tag of (operation as { tags?: string[] }).tags ?? []) expect([operation.operationId, tag, listed.has(tag)]).toEqual([operation.operationId, tag, true]);
    expect(doc.paths['/health']).toBeDefined();
    expect(doc.paths['/api/v1/health']).toBeUndefined();
  });

  it('lists every route the application serves, and none it does not', () => {
    const documented: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) for (const method of Object.keys(methods)) documented.push(`${method.toUpperCase()} ${path}`);
    const served = servedRoutes(t);
    expect(served.length).toBeGreaterThan(25);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('has schemas that compile and written response examples that match them', () => {
    for (const schema of Object.values(doc.components.schemas)) expect(() => ajv.compile({ ...schema, components: doc.components })).not.toThrow();
    for (const methods of Object.values(doc.paths)) {
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries((operation as unknown as { responses: Responses }).responses)) {
          const media = response.content?.['application/json'];
          if (media?.schema && media.example !== undefined) expect([operation.operationId, status, validate(media.schema, media.example)]).toEqual([operation.operationId, status, null]);
        }
      }
    }
  });

  it('answers every documented request example, and every documented operation, as its documented response schema says', () => {
    expect(visits.length).toBeGreaterThan(30);
    for (const visit of visits) {
      const operation = operationOf(doc, visit.operationId) as unknown as { responses: Responses };
      const where = `${visit.method.toUpperCase()} ${visit.path} (${visit.operationId}${visit.example ? `, example ${visit.example}` : ''})`;
      const response = operation.responses[String(visit.status)];
      expect([where, visit.status, response ? 'documented' : JSON.stringify(visit.body).slice(0, 300)]).toEqual([where, visit.status, 'documented']);
      if (visit.example) expect(visit.status).toBeLessThan(300);
      const media = response.content?.['application/json'];
      if (media?.schema && visit.contentType.startsWith('application/json')) expect([where, validate(media.schema, visit.body)]).toEqual([where, null]);
      if (response.content?.['application/octet-stream']) expect(visit.contentType).toMatch(/octet-stream/);
    }
    // Each example in the document was sent, and each explicitly documented operation was visited with a success.
    for (const operationId of Object.keys(OPERATIONS)) {
      const sent = new Set(visits.filter((v) => v.operationId === operationId).map((v) => v.example));
      for (const example of Object.keys(documentedExamples(doc, operationId))) expect([operationId, example, sent.has(example)]).toEqual([operationId, example, true]);
      expect([operationId, visits.some((v) => v.operationId === operationId && v.status < 300)]).toEqual([operationId, true]);
    }
  });

  it('documents the callbacks the CMS really gets: item.withheld, signed, with the withholding reason', async () => {
    const withheld = await waitFor(async () => setup.cms.received.find((r) => r.json.event === 'item.withheld'), 15_000, 'the item.withheld callback');
    expect(withheld.verified).toBe(true);
    const reason = (documentedExamples(doc, 'ReviewsController_withhold').withhold as { comment: string }).comment;
    expect(withheld.json).toMatchObject({ state: 'withheld', reasons: [reason] });
    const callback = (doc.webhooks.callback as { post: { requestBody: { content: Record<string, { schema: Schema }> } } }).post.requestBody.content['application/json'].schema;
    for (const received of setup.cms.received) expect([received.json.event, validate(callback, received.json)]).toEqual([received.json.event, null]);
  });

  it('documents the 400 an integrator gets for a string author, in the shape the API sends', () => {
    const refused = visits.find((v) => v.operationId === 'ItemsController_submit' && v.status === 400);
    expect(refused?.body).toMatchObject({ statusCode: 400, field: 'author', message: 'nested property author must be either object or array' });
  });

  it('serves the documentation page and its assets from the service, under the site CSP', async () => {
    const page = await t.http.get('/api/v1/docs').expect(200).expect('content-type', /html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script>(?!<\/script>)|https?:\/\//);
    for (const asset of page.text.match(/(?:src|href)="([^"]+)"/g) ?? []) {
      const path = asset.replace(/^(?:src|href)="|"$/g, '');
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });
});
