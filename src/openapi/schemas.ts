import { CATEGORIES, SEVERITIES } from '@clearance/scanner';
import { DECISIONS, DISPOSITION_OUTCOMES, ITEM_STATES, LEVELS, ROLES } from '@clearance/workflow';
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
const state: JsonSchema = {
  type: 'string', enum: [...ITEM_STATES],
  description: '条目状态（见 DESIGN：submitted → scanning → awaiting_filler → … → published；另有 blocked 拦截、rejected 退回、referred 报保密办、withheld 不予公开、withdrawn 撤回、recalled 撤稿）',
};

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

/** A hit as the item view shows it: with an id, stable across reads of the same scan, that dispositions name. */
const hitView: JsonSchema = { allOf: [ref('Hit'), object({ id: str('命中编号：同一次扫描每次读取都相同；初审处置（dispositions）以此指明命中') })] };

const hitGroup = object(
  {
    ruleId: str(),
    category: { type: 'string', enum: [...CATEGORIES] },
    severity: { type: 'string', enum: [...SEVERITIES], description: '本组最严重的一条' },
    reason: str(),
    count: { type: 'integer', description: '本修订中该规则的全部命中数' },
    hits: { type: 'array', items: ref('HitView'), description: '前 50 条；其余用 GET /items/{id}/hits?rule=… 分页' },
    nextOffset: { type: 'integer', description: '下一页的 offset；没有更多时不出现' },
  },
  ['ruleId', 'category', 'severity', 'reason', 'count', 'hits'],
);

const disposition = object(
  {
    hitId: str(),
    ruleId: str(),
    outcome: { type: 'string', enum: [...DISPOSITION_OUTCOMES], description: 'verified 已核实可公开 / false-positive 误报' },
    note: nullable(str()),
    level: str(),
    revision: int,
    by: str('用户名'),
    byName: str('姓名；未设置时为用户名'),
    at: instant,
  },
  ['hitId', 'ruleId', 'outcome', 'level', 'revision', 'by', 'byName', 'at'],
);

const claimView = object(
  {
    userId: { type: 'string', format: 'uuid' },
    username: str(),
    displayName: nullable(str()),
    level: { type: 'string', enum: [...LEVELS] },
    claimedAt: instant,
    expiresAt: instant,
  },
  undefined,
  '认领：谁在本层级持有该条目、到何时为止',
);

const dueFacts = object({ level: { type: 'string', enum: [...LEVELS] }, dueAt: instant, overdue: { type: 'boolean' } }, undefined, '当前层级的办理时限');

const sessionUser = object({
  username: str(),
  displayName: nullable(str('姓名')),
  roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
  unit: str('单位代码'),
  unitName: str('单位名称'),
}, ['username', 'roles', 'unit']);

const accountView = object({
  username: str(),
  displayName: nullable(str()),
  email: nullable(str('接收通知邮件的地址；null 为不接收')),
  roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
  unit: object({ code: str(), name: str() }),
  createdAt: instant,
  passwordRules: object({ minLength: int, maxLength: int, minKinds: { type: 'integer', description: '字母、数字、其他字符中至少几类' } }),
});

const sideHit = object({ id: str(), ruleId: str(), category: str(), severity: { type: 'string', enum: [...SEVERITIES] }, start: int, end: int, text: str() });
const fieldDiff = object(
  {
    segments: {
      type: 'array',
      items: object({ op: { type: 'string', enum: ['equal', 'insert', 'delete'] }, text: str(), from: { type: 'integer', description: '在旧文本中的偏移' }, to: { type: 'integer', description: '在新文本中的偏移' } }),
      description: '逐段对比：equal 相同 / insert 新增 / delete 删除',
    },
    fromHits: { type: 'array', items: sideHit, description: '旧修订中的命中（偏移指向旧文本）' },
    toHits: { type: 'array', items: sideHit, description: '新修订中的命中（偏移指向新文本）' },
  },
);
const revisionRef = object({ number: int, contentHash: sha256, submittedAt: instant });

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
    expiresIn: { type: 'integer', description: '有效秒数（TOKEN_TTL_SECONDS，空闲超时）；临近会话上限时更短' },
    sessionExpiresAt: { ...instant, description: '会话最长到此为止（登录后 SESSION_MAX_SECONDS），续期也不能超过' },
    user: ref('SessionUser'),
  }, ['accessToken', 'expiresIn', 'sessionExpiresAt', 'user']),
  Hit: hit,
  HitView: hitView,
  HitGroup: hitGroup,
  HitPage: object(
    { revision: int, ruleId: str(), count: int, offset: int, hits: { type: 'array', items: ref('HitView') }, nextOffset: { type: 'integer', description: '下一页的 offset；没有更多时不出现' } },
    ['revision', 'ruleId', 'count', 'offset', 'hits'],
  ),
  Disposition: disposition,
  Claim: claimView,
  ClaimState: object({ claim: nullable(ref('Claim')), due: nullable(dueFacts) }, undefined, '认领与办理时限：条目页决定区旁显示'),
  ClaimReleased: object({ released: ref('Claim') }),
  SessionUser: sessionUser,
  Account: accountView,
  PasswordChanged: object({ endedSessions: { type: 'integer', description: '被结束的本人其他会话数（本会话保留）' } }),
  ScanResult: scanResult,
  DraftScanResult: { ...scanResult, properties: { ...(scanResult.properties as object), attachments: { type: 'array' } } },
  SubmitResult: object({ id: { type: 'string', format: 'uuid' }, state, revision: int, contentHash: { ...sha256, description: '本修订内容的 SHA-256（标题、正文、格式与附件清单）' } }),
  ItemStateChange: itemStateChange,
  Item: object(
    {
      id: { type: 'string', format: 'uuid' },
      externalId: str('CMS 自己的编号'),
      unit: str('单位代码'),
      unitName: str('单位名称'),
      channels: { type: 'array', items: str() },
      title: str(),
      body: str(),
      format: { type: 'string', enum: ['text', 'html'] },
      plainText: str('仅 html：审核人员阅读的文字，命中的 plainStart/plainEnd 指向这里'),
      state,
      revision: int,
      contentHash: sha256,
      submittedAt: instant,
      waitingSince: nullable(instant),
      referredFrom: nullable(str()),
      scan: nullable(ref('ItemScan')),
      decisions: { type: 'array', items: ref('ItemDecision') },
      history: {
        type: 'array',
        items: object(
          { state, from: nullable(str()), at: instant, by: str('审计中的操作者，如 user:zhangsan'), byName: str('操作者姓名'), revision: int, comment: str('退回、报审、解除拦截、退回原层级、不予公开、撤稿的书面理由') },
          ['state', 'at'],
        ),
      },
      revisions: { type: 'array', items: revisionRef, description: '每个修订，最新的在最后（修订版本选择）' },
      attachments: {
        type: 'array',
        items: object({ index: int, filename: str(), contentType: str(), size: int, sha256, verdict: nullable(str()), coverage: nullable(coverage) }, ['index', 'filename', 'contentType', 'size', 'sha256']),
      },
      deliveries: {
        type: 'array',
        items: object({ channel: nullable(str()), kind: str(), status: str(), revision: int, attemptCount: int, lastStatusCode: nullable(int), lastError: nullable(str()), deliveredAt: nullable(instant) }, ['channel', 'kind', 'status', 'revision']),
      },
    },
    ['id', 'externalId', 'unit', 'unitName', 'channels', 'title', 'body', 'format', 'state', 'revision', 'contentHash', 'scan', 'decisions', 'history', 'revisions', 'attachments', 'deliveries'],
  ),
  ItemScan: {
    ...scanResult,
    properties: {
      ...(scanResult.properties as object),
      hits: { type: 'array', items: ref('HitView'), description: '每条规则的前 50 条命中，按扫描顺序' },
      hitCount: { type: 'integer', description: '本修订的全部命中数' },
      reviewHitCount: { type: 'integer', description: '其中需人工复核（review）的条数：初审通过时每条都须处置' },
      hitGroups: { type: 'array', items: ref('HitGroup'), description: '按规则分组，最严重、最多的在前' },
      blockingMarking: nullable(str('解除拦截时须原样输入的标志（override 的 confirmMarking）；没有拦截时为 null')),
      at: instant,
    },
    required: ['verdict', 'hits', 'hitCount', 'reviewHitCount', 'hitGroups', 'blockingMarking', 'keywords', 'lexiconVersion', 'rulesVersion', 'at'],
  },
  ItemDecision: object(
    {
      id: { type: 'string', format: 'uuid' },
      level: { type: 'string', enum: [...LEVELS, 'admin'] },
      decision: { type: 'string', enum: [...DECISIONS, 'override', 'return', 'withhold'] },
      by: str('用户名'),
      byName: str('姓名；未设置时为用户名'),
      at: instant,
      comment: nullable(str()),
      revision: int,
      contentHash: sha256,
      dispositions: { type: 'array', items: ref('Disposition'), description: '随本决定记录的命中处置' },
    },
    ['id', 'level', 'decision', 'by', 'byName', 'at', 'revision', 'contentHash', 'dispositions'],
  ),
  AttachmentParts: object({ parts: { type: 'array', items: object({ partIndex: int, location: { type: 'object' }, text: str() }) }, capped: { type: 'boolean', description: 'true：保存的文字在上限处被截断' } }),
  ReviewQueue: object(
    {
      items: {
        type: 'array',
        items: object(
          {
            id: { type: 'string', format: 'uuid' }, title: str(), unit: str(), state, level: { type: 'string', enum: [...LEVELS, 'admin'] }, revision: int, verdict: nullable(str()),
            hitCounts: { type: 'object', additionalProperties: int }, submittedAt: instant, waitingSince: nullable(instant),
            dueAt: nullable({ ...instant, description: '当前层级的办理时限（拦截、报审的条目为 null）' }),
            overdue: { type: 'boolean', description: 'true：已超过办理时限' },
            claim: nullable(ref('Claim')),
          },
          ['id', 'title', 'state', 'level', 'revision', 'dueAt', 'overdue', 'claim'],
        ),
      },
      next: str('下一页的 cursor；没有更多时不出现'),
    },
    ['items'],
  ),
  ItemList: object(
    {
      items: {
        type: 'array',
        items: object(
          {
            id: { type: 'string', format: 'uuid' },
            externalId: str(),
            title: str(),
            state,
            level: nullable({ type: 'string', enum: [...LEVELS, 'admin'], description: '所待层级；admin 为拦截或报审；不在审时为 null' }),
            revision: int,
            verdict: nullable({ type: 'string', enum: ['pass', 'review', 'block'] }),
            hitCounts: { type: 'object', additionalProperties: int, description: '各类别命中数' },
            submitter: str('提交的 CMS 客户端'),
            author: nullable(str('CMS 给出的作者姓名')),
            channels: { type: 'array', items: str() },
            unit: str(),
            submittedAt: instant,
            updatedAt: { ...instant, description: '最近一次状态变化' },
            dueAt: nullable(instant),
            overdue: { type: 'boolean' },
          },
        ),
      },
      nextCursor: nullable(str('下一页的 cursor；没有更多时为 null')),
    },
  ),
  Revisions: object({
    revisions: {
      type: 'array',
      items: object({
        number: int, title: str(), format: { type: 'string', enum: ['text', 'html'] }, contentHash: sha256, submittedAt: instant,
        attachments: { type: 'integer', description: '附件数' }, verdict: nullable({ type: 'string', enum: ['pass', 'review', 'block'] }), hitCount: int, current: { type: 'boolean', description: 'true：当前修订' },
      }),
    },
  }),
  Revision: object(
    {
      number: int,
      title: str(),
      body: str(),
      format: { type: 'string', enum: ['text', 'html'] },
      plainText: str('仅 html'),
      contentHash: sha256,
      submittedAt: instant,
      current: { type: 'boolean' },
      scan: nullable(ref('ItemScan')),
      attachments: { type: 'array', items: object({ index: int, filename: str(), contentType: str(), size: int, sha256 }) },
      decisions: {
        type: 'array',
        items: object(
          { level: str(), decision: str(), by: str(), byName: str(), at: instant, comment: nullable(str()), contentHash: sha256, dispositions: { type: 'array', items: ref('Disposition') } },
          ['level', 'decision', 'by', 'byName', 'at', 'contentHash', 'dispositions'],
        ),
      },
    },
    ['number', 'title', 'body', 'format', 'contentHash', 'submittedAt', 'current', 'scan', 'attachments', 'decisions'],
  ),
  RevisionDiff: object({
    from: revisionRef,
    to: revisionRef,
    title: fieldDiff,
    body: fieldDiff,
    attachments: {
      type: 'array',
      items: object(
        {
          filename: str(),
          change: { type: 'string', enum: ['added', 'removed', 'changed', 'same'] },
          fromSha256: sha256,
          toSha256: sha256,
          text: fieldDiff,
          textOmitted: str('没有文字对比的原因（尚未扫描、过大）'),
        },
        ['filename', 'change'],
      ),
    },
  }),
  FailedDeliveries: object({
    deliveries: {
      type: 'array',
      items: object({
        id: { type: 'string', format: 'uuid' }, itemId: { type: 'string', format: 'uuid' }, title: str(), kind: { type: 'string', enum: ['release', 'recall'] }, channel: str(),
        revision: int, attemptCount: int, lastStatusCode: nullable(int), lastError: nullable(str()), failedAt: nullable(instant),
      }),
    },
  }),
  DeliveryDismissed: object({ id: { type: 'string', format: 'uuid' }, dismissedAt: instant }),
  NotificationSummary: object({ awaiting: { type: 'integer', description: '我现在可以办理的条目（同“我的待审”）' }, overdue: { type: 'integer', description: '其中已超过办理时限的' } }),
  Notifications: object({
    notifications: {
      type: 'array',
      items: object({ kind: str('通知类别，如 awaiting、overdue、delivery_failed、digest_daily'), subject: str(), link: str('页面中的链接'), status: str('pending、sent、failed…'), createdAt: instant, sentAt: nullable(instant) }),
    },
  }),
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
      now: object({
        byState: { type: 'object', additionalProperties: int },
        awaitingReview: int,
        oldestWaitingSince: nullable(instant),
        overdue: object({ filler: int, leader: int, chief: int, total: int }, undefined, '此刻已超过办理时限的条目，按层级'),
      }),
      inPeriod: object(
        {
          received: int,
          entered: { type: 'object', additionalProperties: int },
          recalls: { type: 'integer', description: '撤稿次数：已发布的修订被撤下（含撤稿时已有新修订在审的）' },
          scans: object({ total: int, byVerdict: { type: 'object', additionalProperties: int }, hitsByCategory: { type: 'object', additionalProperties: int }, hitsByRule: { type: 'object', additionalProperties: int } }, ['total', 'byVerdict', 'hitsByCategory']),
          reviewTimes: object({ filler: levelTimes, leader: levelTimes, chief: levelTimes }),
          overdue: { type: 'integer', description: '期间内超过办理时限的层级次数（每次超时升级一次）' },
        },
        ['received', 'entered', 'recalls', 'scans', 'reviewTimes', 'overdue'],
      ),
    },
  ),
};
