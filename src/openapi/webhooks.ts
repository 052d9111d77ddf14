import { ITEM_STATES } from '@clearance/workflow';
import type { JsonSchema } from './dto-schema';

/**
 * What the service sends (src/publishing/delivery-payloads.ts), as OpenAPI 3.1 `webhooks`: releases and recalls to
 * each channel, state changes and failures to the CMS's callbackUrl. All are signed per Standard Webhooks.
 */
const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const sha256: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

const HEADERS = [
  { name: 'webhook-id', in: 'header', required: true, schema: str(), description: '消息编号 msg_<投递编号>：重试时不变，接收方据此去重（幂等键）' },
  { name: 'webhook-timestamp', in: 'header', required: true, schema: str(), description: '发送时刻（Unix 秒）；与本地时间相差超过 5 分钟应拒收' },
  {
    name: 'webhook-signature', in: 'header', required: true, schema: str(),
    description: '`v1,<base64 HMAC-SHA256(密钥, id + "." + timestamp + "." + 原始请求体)>`；密钥轮换期间以空格分隔多个签名，任一匹配即可',
  },
];

const RESPONSES = {
  '200': { description: '已接收（任何 2xx）。相同 webhook-id 再次到达时也应答 2xx 而不重复处理' },
  '400': { description: '除 408、429 外的 4xx：不再重试，投递记为失败（CMS 收到 item.delivery_failed）' },
  '503': { description: '5xx、408、429 或网络错误：按指数退避重试（DELIVERY_MAX_ATTEMPTS 次）' },
};

const webhook = (summary: string, description: string, schema: JsonSchema, example: unknown) => ({
  post: {
    summary,
    description,
    parameters: HEADERS,
    requestBody: { required: true, content: { 'application/json': { schema, example } } },
    responses: RESPONSES,
  },
});

const release: JsonSchema = {
  type: 'object',
  required: ['event', 'itemId', 'externalId', 'revision', 'contentHash', 'title', 'body', 'format', 'unit', 'channel', 'attachments', 'approvals'],
  properties: {
    event: { const: 'item.released' },
    itemId: { type: 'string', format: 'uuid' },
    externalId: str('CMS 的编号'),
    revision: { type: 'integer' },
    contentHash: sha256,
    title: str(),
    body: str('与复核时逐字节相同'),
    format: { type: 'string', enum: ['text', 'html'] },
    unit: str(),
    channel: str(),
    attachments: {
      type: 'array',
      items: {
        type: 'object', required: ['filename', 'contentType', 'size', 'sha256', 'url'],
        properties: { filename: str(), contentType: str(), size: { type: 'integer' }, sha256, url: str('仅本渠道可用的签名下载地址，ATTACHMENT_LINK_TTL_SECONDS 后失效；撤稿后 410') },
      },
    },
    approvals: { type: 'array', items: { type: 'object', required: ['level', 'by', 'at'], properties: { level: str(), by: str(), at: { type: 'string', format: 'date-time' } } } },
  },
};

const recall: JsonSchema = {
  type: 'object',
  required: ['event', 'itemId', 'externalId', 'revision', 'contentHash', 'unit', 'channel', 'releaseId', 'attachments', 'reason', 'recalledAt'],
  properties: {
    event: { const: 'item.recalled' },
    itemId: { type: 'string', format: 'uuid' },
    externalId: str(),
    revision: { type: 'integer' },
    contentHash: sha256,
    unit: str(),
    channel: str(),
    releaseId: str('被撤回的那次发布的 webhook-id'),
    attachments: { type: 'array', items: { type: 'object', properties: { filename: str(), sha256 } } },
    reason: nullable(str()),
    recalledAt: { type: 'string', format: 'date-time' },
  },
};

const callback: JsonSchema = {
  type: 'object',
  required: ['event', 'itemId', 'externalId', 'revision', 'state'],
  properties: {
    event: { type: 'string', enum: ['item.blocked', 'item.rejected', 'item.referred', 'item.withheld', 'item.published', 'item.recalled', 'item.release_cancelled', 'item.delivery_failed', 'item.recall_failed'] },
    itemId: { type: 'string', format: 'uuid' },
    externalId: str(),
    revision: { type: 'integer' },
    state: { type: 'string', enum: [...ITEM_STATES] },
    reasons: { type: 'array', items: str(), description: '退回、拦截、不予公开（item.withheld）的理由' },
    revisions: { type: 'array', items: { type: 'integer' }, description: 'item.recalled：被撤回的修订（撤回旧修订时）' },
    currentRevision: { type: 'integer' },
    channel: nullable(str('item.delivery_failed / item.recall_failed：失败的渠道')),
    deliveryId: str('重新投递用：POST /api/v1/deliveries/{deliveryId}/redeliver'),
    webhookId: str(),
    attempts: { type: 'integer' },
    lastStatusCode: nullable({ type: 'integer' }),
    lastError: nullable(str()),
  },
};

export const WEBHOOKS: Record<string, unknown> = {
  release: webhook(
    '发布到渠道（item.released）',
    '复核通过后发往条目所选的每个渠道（门户网站、政务微信、电子屏…），以该渠道的密钥签名。',
    release,
    {
      event: 'item.released', itemId: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe', externalId: 'cms-2026-0002', revision: 1,
      contentHash: '970e2ba1a5b890696290fcde054d961596ecb309eea363bda3b7ec4418290180', title: '2026年第一季度政务公开工作人员名单',
      body: '<p>现将第一季度政务公开工作人员名单公布如下，详见附件。</p>', format: 'html', unit: 'u1', channel: 'portal',
      attachments: [{ filename: '名单.txt', contentType: 'text/plain', size: 34, sha256: 'e2cbe9686d1bc4804c2ac7dea15c9025ffaba55891a3c90e9d4adf7ed1d466c6', url: 'https://clearance.example.gov.cn/api/v1/releases/…/attachments/0?item=…&revision=1&expires=…&signature=…' }],
      approvals: [{ level: 'filler', by: 'zhangsan', at: '2026-12-02T05:52:39.410Z' }, { level: 'leader', by: 'lisi', at: '2026-12-02T05:52:39.424Z' }, { level: 'chief', by: 'wangwu', at: '2026-12-02T05:52:39.444Z' }],
    },
  ),
  recall: webhook(
    '撤稿（item.recalled）',
    '撤稿时发往每个已接收该发布的渠道：撤下正文和所列附件。',
    recall,
    {
      event: 'item.recalled', itemId: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe', externalId: 'cms-2026-0002', revision: 1,
      contentHash: '970e2ba1a5b890696290fcde054d961596ecb309eea363bda3b7ec4418290180', unit: 'u1', channel: 'portal', releaseId: 'msg_cadfd836-a40c-4ba4-9338-28033dc4c25b',
      attachments: [{ filename: '名单.txt', sha256: 'e2cbe9686d1bc4804c2ac7dea15c9025ffaba55891a3c90e9d4adf7ed1d466c6' }], reason: '发现正文误含内部联系人信息，撤稿处理', recalledAt: '2026-12-02T06:10:00.000Z',
    },
  ),
  callback: webhook(
    'CMS 回调（callbackUrl）',
    '发往 CMS 提交时给出的 callbackUrl，以该客户端的回调密钥（client:add 打印一次）签名：拦截、退回、报审、不予公开（item.withheld，带理由；CMS 可提交新修订重新送审）、已发布、撤稿、发布取消，以及渠道投递最终失败（item.delivery_failed / item.recall_failed，带 deliveryId）。',
    callback,
    { event: 'item.rejected', itemId: '05ffb38a-1dd1-44b2-92c6-c234fe70f165', externalId: 'cms-2026-0007', revision: 1, state: 'rejected', reasons: ['附件含个人手机号，请脱敏后重新提交'] },
  ),
};
