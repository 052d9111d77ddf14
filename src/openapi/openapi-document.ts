import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { dtoSchema, JsonSchema } from './dto-schema';
import { OPERATIONS, OperationDoc } from './operations';
import { operationIdOf, routeInputs, RouteInputs } from './route-inputs';
import { SCHEMAS } from './schemas';
import { WEBHOOKS } from './webhooks';

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
  security?: Array<Record<string, string[]>>;
}

/** Paths of the service's own HTTP API; the reviewer page's files (/, /styles.css, /js/…) are not part of it. */
export const isApiPath = (path: string): boolean => path.startsWith('/api/') || path === '/health' || path === '/metrics';

const TAG_ORDER = ['认证', 'CMS', '审核', '保密办', '渠道', '词库', '统计', '通知', '运维'];
const SECURITY: Record<string, Record<string, string[]>> = { user: { bearer: [] }, client: { apiKey: [] } };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const DESCRIPTION = [
  'Clearance（密审）对外接口：CMS 以 `X-Api-Key` 提交待发布信息，审核人员以登录取得的 Bearer 令牌审核。',
  '',
  '- 错误一律为 `Error` 结构 `{statusCode, error, message, field?}`；未知字段为 400 并指明字段。',
  '- 发布渠道与 CMS 回调按 Standard Webhooks 签名（见 `webhooks`）：`webhook-id` 在重试间不变，用作幂等键。',
  '- 本文档由服务在运行时根据路由生成，新接口自动出现；中文示例见各接口。',
].join('\n');

/**
 * The OpenAPI 3.1 document of the running application: @nestjs/swagger finds every route, the request schemas come
 * from the DTOs' class-validator rules, and the Chinese examples, response schemas and webhooks from this folder.
 */
export function buildOpenApiDocument(app: INestApplication, version = '0.1.0'): OpenApiDocument {
  const base = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Clearance（密审）API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '审核人员：`POST /api/v1/auth/login` 返回的 accessToken' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'CMS 客户端：`client:add` 命令打印一次的 API 密钥（clk_…）' }, 'apiKey')
    .build();
  const doc = SwaggerModule.createDocument(app, base, { operationIdFactory: (controller, method) => operationIdOf(controller, method) }) as unknown as OpenApiDocument;
  doc.components.schemas = { ...SCHEMAS };
  const inputs = routeInputs(app);
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!isApiPath(path)) {
      delete doc.paths[path];
      continue;
    }
    for (const operation of Object.values(methods)) {
      const found = inputs.get(operation.operationId);
      if (found) applyInputs(doc, operation, found);
      const written = OPERATIONS[operation.operationId];
      if (written) applyWritten(operation, written);
      if (!written) for (const response of Object.values(operation.responses)) if (!response.description) response.description = '成功（本接口尚无中文说明与响应结构）';
      addErrors(operation, found);
    }
  }
  // Swagger UI lists tags in this order (else by first appearance, which put 通知 first).
  (doc as Record<string, unknown>).tags = TAG_ORDER.map((name) => ({ name }));
  (doc as Record<string, unknown>).webhooks = WEBHOOKS;
  return doc;
}

function applyInputs(doc: OpenApiDocument, operation: Operation, inputs: RouteInputs): void {
  const register = (dto: { name: string }): JsonSchema => {
    if (!doc.components.schemas[dto.name]) {
      doc.components.schemas[dto.name] = {};
      doc.components.schemas[dto.name] = dtoSchema(dto as never, register as never);
    }
    return { $ref: `#/components/schemas/${dto.name}` };
  };
  if (inputs.body) {
    register(inputs.body);
    operation.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${inputs.body.name}` } } } };
  }
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== 'query');
  if (inputs.queryDto) {
    const schema = dtoSchema(inputs.queryDto, register as never);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) parameters.push({ name, in: 'query', required: required.has(name), schema: property });
  }
  for (const name of inputs.queryNames) parameters.push({ name, in: 'query', required: false, schema: { type: 'string' } });
  operation.parameters = parameters;
  if (inputs.auth.length) operation.security = inputs.auth.map((kind) => SECURITY[kind]);
}

function applyWritten(operation: Operation, written: OperationDoc): void {
  Object.assign(operation, { summary: written.summary, ...(written.description ? { description: written.description } : {}), ...(written.tags ? { tags: written.tags } : {}), ...(written.security ? { security: written.security } : {}) });
  operation.responses = {};
  for (const [status, response] of Object.entries(written.responses)) {
    const mediaType = response.mediaType ?? 'application/json';
    operation.responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [mediaType]: { schema: response.schema, ...(response.example !== undefined ? { example: response.example } : {}) } } } : {}),
    };
  }
  if (written.parameters) {
    for (const parameter of operation.parameters ?? []) {
      const extra = written.parameters[String(parameter.name)];
      if (extra) Object.assign(parameter, extra);
    }
  }
  if (written.requestExamples && operation.requestBody) {
    const content = (operation.requestBody.content as Record<string, Record<string, unknown>>)['application/json'];
    content.examples = written.requestExamples;
    if (written.multipart) {
      (operation.requestBody.content as Record<string, unknown>)['multipart/form-data'] = written.multipart;
    }
  }
}

/** Every operation may answer the error shape; the statuses that follow from its inputs and guards are listed. */
function addErrors(operation: Operation, inputs: RouteInputs | undefined): void {
  const add = (status: string, description: string) => {
    if (!operation.responses[status]) operation.responses[status] = errorResponse(description);
  };
  if (operation.requestBody || operation.parameters?.length) add('400', '请求不合规：字段缺失、类型不符或含未知字段（field 指明字段）');
  if (inputs?.auth.length) add('401', '未认证：缺少或无效的 X-Api-Key / Bearer 令牌');
  if (inputs?.auth.length) add('403', '无权执行此操作（角色或层级不符）');
  if (operation.parameters?.some((p) => p.in === 'path')) add('404', '不存在，或属于其他单位');
  if (operation.requestBody) add('415', '请求体类型不是 JSON');
  add('500', '服务内部错误：响应含 errorId，日志中有同一编号');
}
