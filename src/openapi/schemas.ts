import { CATEGORIES, SEVERITIES } from '@clearance/scanner';
import { DECISIONS, ITEM_STATES, LEVELS, ROLES } from '@clearance/workflow';
import type { JsonSchema } from './dto-schema';

/**
 * Response schemas of the documented operations, as the services build them. Objects stay open
 * (additionalProperties allowed) so a field added later is not a breaking change; what is listed is checked.
 */
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const sha256: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const int: JsonSchema = { type: 'integer' };
const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), description?: string): JsonSchema => ({
  type: 'object', ...(description ? { description } : {}), properties, required,
});
const state: JsonSchema = { type: 'string', enum: [...ITEM_STATES], description: '条目状态（见 DESIGN：submitted → scanning → awaiting_filler → … → published）' };

const hit = object(
  {
    ruleId: str('规则编号'),
    category: { type: 'string', enum: [...CATEGORIES], description: '类别：classified-marking 密级标志、personal-info 个人信息…' },
    severity: { type: 'string', enum: [...SEVERITIES] },
    field: str('title、body 或 attachment'),
    start: int,
    end: int,
    text: str('原文中命中的文字'),
    context: str('命中处前后文'),
    reason: str('命中理由（中文）'),
    suggestion: str('遮盖建议，如 138****5678'),
    location: { type: 'object', description: '附件中的位置 {file, part, page?, sheet?, cell?, …}' },
  },
  ['ruleId', 'category', 'severity', 'field', 'start', 'end', 'text', 'reason'],
);

const coverage = object({ file: str(), format: str(), examined: { type: 'array' }, gaps: { type: 'array', description: '未能审查的部分及原因（encrypted、damaged、over-limit…）' } }, ['file', 'examined', 'gaps']);

const scanResult = object(
  {
    verdict: { type: 'string', enum: ['pass', 'review', 'block'], description: 'block 拦截 / review 需复核 / pass 通过' },
    hits: { type: 'array', items: ref('Hit') },
    keywords: { type: 'array', items: str() },
    lexiconVersion: str(),
    rulesVersion: str(),
    durationMs: { type: 'number' },
  },
  ['verdict', 'hits', 'keywords', 'lexiconVersion', 'rulesVersion'],
);

const itemStateChange = object({ id: { type: 'string', format: 'uuid' }, state, revision: int }, ['id', 'state', 'revision'], '操作后的条目状态');

const delivery = object(
  {
    id: { type: 'string', format: 'uuid' },
    webhookId: str('接收方幂等键（Standard Webhooks 的 webhook-id），重试间不变'),
    kind: { type: 'string', enum: ['release', 'recall', 'callback'] },
    channel: nullable(str()),
    event: str(),
    revision: int,
    status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] },
    attemptCount: int,
    lastStatusCode: nullable(int),
    lastError: nullable(str()),
    deliveredAt: nullable(instant),
    nextAttemptAt: nullable(instant),
    createdAt: instant,
    attempts: { type: 'array', items: object({ at: instant, statusCode: nullable(int), durationMs: nullable(int), error: nullable(str()) }) },
  },
  ['id', 'webhookId', 'kind', 'channel', 'event', 'revision', 'status', 'attemptCount', 'attempts'],
);

const channel = object(
  {
    name: str(),
    url: str(),
    unit: nullable(str('所属单位；null 为全局渠道（由运维以命令行管理）')),
    active: { type: 'boolean' },
    secrets: { type: 'integer', description: '正在签名的密钥数（轮换期间为 2）' },
    trusted: { type: 'boolean', description: 'true：运维登记，按原样发送；false：每次连接都检查地址' },
    createdAt: instant,
    updatedAt: instant,
  },
  ['name', 'url', 'unit', 'active', 'secrets'],
);

const lexiconTerm = object(
  {
    source: { type: 'string', enum: ['default', 'custom'] },
    id: str(),
    term: str(),
    category: str(),
    severity: { type: 'string', enum: [...SEVERITIES] },
    allow: { type: 'array', items: str() },
    match: { type: 'string', enum: ['substring', 'word'] },
    active: { type: 'boolean' },
    note: str(),
  },
  ['source', 'term', 'category', 'severity', 'allow', 'match', 'active'],
);

const levelTimes = object({ decided: int, medianMinutes: nullable({ type: 'number' }), p90Minutes: nullable({ type: 'number' }), maxMinutes: nullable({ type: 'number' }) });

export const SCHEMAS: Record<string, JsonSchema> = {
  Error: object(
    {
      statusCode: int,
      error: str('HTTP 状态短语，如 Bad Request'),
      message: str('原因（英文）；多个字段出错时以分号分隔'),
      field: str('出错的字段，如 author、attachments[0]、callbackUrl'),
      fields: { type: 'array', items: object({ field: str(), reason: str() }), description: '每个出错字段一条' },
      errorId: str('仅 500：日志中同一编号'),
    },
    ['statusCode', 'error', 'message'],
    '所有错误的统一结构',
  ),
  Health: object(
    { status: { type: 'string', enum: ['ok', 'unavailable'] }, db: { type: 'string', enum: ['up', 'down'] }, redis: { type: 'string', enum: ['up', 'down'] }, errors: { type: 'object', additionalProperties: { type: 'string' } } },
    ['status', 'db', 'redis'],
  ),
  LoginResult: object({
    accessToken: str('JWT，放在 Authorization: Bearer 头中'),
    expiresIn: { type: 'integer', description: '有效秒数（TOKEN_TTL_SECONDS）' },
    user: object({ username: str(), roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } }, unit: str() }),
  }, ['accessToken', 'expiresIn']),
  Hit: hit,
  ScanResult: scanResult,
  DraftScanResult: { ...scanResult, properties: { ...(scanResult.properties as object), attachments: { type: 'array' } } },
  SubmitResult: object({ id: { type: 'string', format: 'uuid' }, state, revision: int, contentHash: { ...sha256, description: '本修订内容的 SHA-256（标题、正文、格式与附件清单）' } }),
  ItemStateChange: itemStateChange,
  Item: object(
    {
      id: { type: 'string', format: 'uuid' },
      externalId: str('CMS 自己的编号'),
      unit: str(),
      channels: { type: 'array', items: str() },
      title: str(),
      body: str(),
      format: { type: 'string', enum: ['text', 'html'] },
      state,
      revision: int,
      contentHash: sha256,
      submittedAt: instant,
      waitingSince: nullable(instant),
      referredFrom: nullable(str()),
      scan: nullable({ ...scanResult, properties: { ...(scanResult.properties as object), at: instant } }),
      decisions: {
        type: 'array',
        items: object({ level: { type: 'string', enum: [...LEVELS] }, decision: { type: 'string', enum: [...DECISIONS] }, by: str(), at: instant, comment: nullable(str()), revision: int, contentHash: sha256 }, ['level', 'decision', 'by', 'at', 'revision', 'contentHash']),
      },
      history: { type: 'array', items: object({ state, from: nullable(str()), at: instant, by: str(), revision: int }) },
      attachments: {
        type: 'array',
        items: object({ index: int, filename: str(), contentType: str(), size: int, sha256, verdict: nullable(str()), coverage: nullable(coverage) }, ['index', 'filename', 'contentType', 'size', 'sha256']),
      },
      deliveries: {
        type: 'array',
        items: object({ channel: nullable(str()), kind: str(), status: str(), revision: int, attemptCount: int, lastStatusCode: nullable(int), lastError: nullable(str()), deliveredAt: nullable(instant) }, ['channel', 'kind', 'status', 'revision']),
      },
    },
    ['id', 'externalId', 'unit', 'channels', 'title', 'body', 'format', 'state', 'revision', 'contentHash', 'scan', 'decisions', 'history', 'attachments', 'deliveries'],
  ),
  AttachmentParts: object({ parts: { type: 'array', items: object({ partIndex: int, location: { type: 'object' }, text: str() }) }, capped: { type: 'boolean', description: 'true：保存的文字在上限处被截断' } }),
  ReviewQueue: object(
    {
      items: {
        type: 'array',
        items: object(
          { id: { type: 'string', format: 'uuid' }, title: str(), unit: str(), state, level: { type: 'string', enum: [...LEVELS] }, revision: int, verdict: nullable(str()), hitCounts: { type: 'object', additionalProperties: int }, submittedAt: instant, waitingSince: nullable(instant) },
          ['id', 'title', 'state', 'level', 'revision'],
        ),
      },
      nextCursor: str('下一页的 cursor；没有更多时不出现'),
    },
    ['items'],
  ),
  Delivery: delivery,
  Deliveries: object({ deliveries: { type: 'array', items: ref('Delivery') } }),
  RecallResult: { ...itemStateChange, properties: { ...(itemStateChange.properties as object), recalledChannels: { type: 'array', items: str() }, recalled: { type: 'array', items: object({ channel: str(), revision: int }) } }, required: ['id', 'state', 'revision', 'recalled'] },
  WithdrawResult: { ...itemStateChange, properties: { ...(itemStateChange.properties as object), cancelledDeliveries: int }, required: ['id', 'state', 'revision', 'cancelledDeliveries'] },
  Channel: channel,
  Channels: object({ channels: { type: 'array', items: ref('Channel') } }),
  ChannelWithSecret: object({ channel: ref('Channel'), secret: str('新生成的签名密钥 whsec_…：只在此时显示一次') }, ['channel']),
  LexiconSummary: object({ version: str(), revision: int, defaultTerms: int, customTerms: int }),
  LexiconTerm: lexiconTerm,
  LexiconTerms: object({ revision: int, terms: { type: 'array', items: ref('LexiconTerm') } }),
  LexiconChange: object({ term: ref('LexiconTerm'), revision: int }),
  UnitReport: object(
    {
      unit: object({ code: str(), name: str() }),
      period: object({ from: instant, to: instant }),
      now: object({ byState: { type: 'object', additionalProperties: int }, awaitingReview: int, oldestWaitingSince: nullable(instant) }),
      inPeriod: object(
        {
          received: int,
          entered: { type: 'object', additionalProperties: int },
          scans: object({ total: int, byVerdict: { type: 'object', additionalProperties: int }, hitsByCategory: { type: 'object', additionalProperties: int } }, ['total', 'byVerdict', 'hitsByCategory']),
          reviewTimes: object({ filler: levelTimes, leader: levelTimes, chief: levelTimes }),
        },
        ['received', 'entered', 'scans', 'reviewTimes'],
      ),
    },
  ),
};
