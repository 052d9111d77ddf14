import type { JsonSchema } from './dto-schema';
import * as X from './examples';

/** What this folder adds to one generated operation, by its operationId (`<Controller>_<method>`). */
export interface OperationDoc {
  summary: string;
  description?: string;
  tags?: string[];
  /** Every success status the handler answers, each with its schema; error statuses are added from the inputs. */
  responses: Record<string, { description: string; schema?: JsonSchema; example?: unknown; mediaType?: string }>;
  requestExamples?: Record<string, X.Example>;
  multipart?: Record<string, unknown>;
  parameters?: Record<string, Record<string, unknown>>;
  /** For a route guarded otherwise than by @Auth (whose schemes are found by themselves). */
  security?: Array<Record<string, string[]>>;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const binary = { description: '原文件，逐字节', schema: { type: 'string', format: 'binary' }, mediaType: 'application/octet-stream' };
const id = { description: '条目编号（UUID）', example: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe' };
const STATE_CHANGE = { description: '操作后的状态', schema: ref('ItemStateChange'), example: { id: '489d0d8f-6b62-4589-8002-353381bf53c3', state: 'awaiting_filler', revision: 1 } };
const REASON_NOTE = '请求体为 `{comment}`：必填的书面理由（≤ 4000 字）。';

export const OPERATIONS: Record<string, OperationDoc> = {
  HealthController_check: {
    summary: '健康检查（不在 /api/v1 下）',
    description: '路径是 `/health`，不是 `/api/v1/health`。数据库与 Redis 均可用时 200，否则 503。无需认证。',
    tags: ['运维'],
    responses: {
      '200': { description: '正常', schema: ref('Health'), example: { status: 'ok', db: 'up', redis: 'up' } },
      '503': { description: '数据库或 Redis 不可用', schema: ref('Health'), example: { status: 'unavailable', db: 'up', redis: 'down', errors: { redis: 'connect ECONNREFUSED 127.0.0.1:6379' } } },
    },
  },
  DashboardSessionController_open: {
    summary: '打开队列监控（保密管理员）',
    description: '以 Bearer 令牌换取只发往 `/ops/queues` 的 Cookie（HttpOnly、SameSite=Strict、10 分钟），随后浏览器即可打开只读的队列监控页。页面 `/ops` 会自动完成这一步。',
    tags: ['运维'],
    responses: { '204': { description: '已设置 Cookie clearance_ops' }, '403': { description: '非保密管理员', schema: ref('Error') } },
  },
  DashboardSessionController_close: {
    summary: '关闭队列监控会话',
    tags: ['运维'],
    responses: { '204': { description: '已清除 Cookie' } },
  },
  MetricsController_scrape: {
    summary: 'Prometheus 指标（不在 /api/v1 下）',
    description: '`Authorization: Bearer <METRICS_TOKEN>` 或保密管理员的登录令牌；否则 401（已登录但非保密管理员 403）。各指标由哪个进程提供见 README“Operations”。',
    tags: ['运维'],
    security: [{ bearer: [] }],
    responses: {
      '200': { description: 'Prometheus 文本格式', schema: { type: 'string' }, mediaType: 'text/plain', example: 'clearance_items_waiting{level="filler"} 3\n' },
      '401': { description: '未认证', schema: ref('Error') },
      '403': { description: '非保密管理员', schema: ref('Error') },
    },
  },
  AuthController_login: {
    summary: '审核人员登录',
    description: '返回 JWT（默认 15 分钟有效）。失败次数过多时 429 并带 Retry-After。',
    tags: ['认证'],
    requestExamples: X.LOGIN_EXAMPLES,
    responses: { '200': { description: '登录成功', schema: ref('LoginResult') }, '429': { description: '失败次数过多，稍后再试', schema: ref('Error') } },
  },
  ItemsController_submit: {
    summary: 'CMS 提交待审信息',
    description: [
      '只能为本客户端登记的单位提交（否则 403，字段 unit）。`author` 须为对象 `{id, name}`，写成字符串会得到 400：',
      '`nested property author must be either object or array`。附件可用 JSON（base64）或 `multipart/form-data`',
      '（JSON 部分名为 `item`，文件部分名为 `attachments`）。同一 `externalId` 再次提交相同内容得 200，新内容得 202 和新修订号。',
    ].join(''),
    tags: ['CMS'],
    requestExamples: X.SUBMIT_EXAMPLES,
    multipart: {
      schema: {
        type: 'object', required: ['item'],
        properties: { item: { type: 'string', description: '条目字段的 JSON（同 application/json 请求体，不含 attachments）' }, attachments: { type: 'array', items: { type: 'string', format: 'binary' } } },
      },
    },
    responses: {
      '202': { description: '新修订已受理，进入扫描', schema: ref('SubmitResult') },
      '200': { description: '内容与当前修订相同，未产生新修订', schema: ref('SubmitResult') },
      '400': { description: '字段不合规', schema: ref('Error'), example: { statusCode: 400, error: 'Bad Request', message: 'nested property author must be either object or array', field: 'author', fields: [{ field: 'author', reason: 'nested property author must be either object or array' }] } },
      '403': { description: '单位不属于本客户端', schema: ref('Error') },
      '409': { description: '新修订改了单位', schema: ref('Error') },
      '413': { description: '正文或附件超过上限（字段指明 attachments[i]）', schema: ref('Error') },
      '422': { description: '渠道不存在、callbackUrl 来源未登记、单位不存在等', schema: ref('Error') },
    },
  },
  ItemsController_view: {
    summary: '查看条目',
    description: 'CMS（本客户端的条目）或本单位审核人员。含扫描命中、附件、决定、历史与各渠道投递。',
    tags: ['CMS', '审核'],
    parameters: { id },
    responses: { '200': { description: '条目', schema: ref('Item') } },
  },
  ItemsController_parts: {
    summary: '附件中提取的文字（逐部分）',
    tags: ['CMS', '审核'],
    parameters: { id, index: { description: '附件序号，从 0 开始' } },
    responses: { '200': { description: '各部分文字；附件命中的偏移指向这里', schema: ref('AttachmentParts') } },
  },
  AttachmentDownloadsController_forReviewer: {
    summary: '下载原件（审核人员，记入审计）',
    tags: ['审核'],
    parameters: { id, n: { description: '修订号' }, index: { description: '附件序号' } },
    responses: { '200': binary },
  },
  AttachmentDownloadsController_forChannel: {
    summary: '渠道下载已发布的附件（签名链接）',
    description: '链接来自 item.released 的 attachments[].url：只有该渠道的密钥能生成；过期或被改动 403，撤稿后 410。',
    tags: ['渠道'],
    responses: { '200': binary, '403': { description: '链接无效、过期或属于其他渠道', schema: ref('Error') }, '410': { description: '已撤稿', schema: ref('Error') } },
  },
  ScanController_scan: {
    summary: '草稿预检（不保存）',
    description: 'CMS 或审核人员在提交前检查草稿及附件；什么也不保存。',
    tags: ['CMS'],
    requestExamples: X.SCAN_EXAMPLES,
    responses: { '200': { description: '扫描结果', schema: ref('DraftScanResult') } },
  },
  ReviewsController_queue: {
    summary: '我的待审',
    description: '本人角色所在层级、本单位的待审条目，等待最久的在前。`limit`（1–200，默认 50）与上一页返回的 `nextCursor`（作为 `cursor`）分页。',
    tags: ['审核'],
    parameters: { limit: { description: '每页条数，1–200，默认 50', example: 20 }, cursor: { description: '上一页响应中的 nextCursor，原样传回' } },
    responses: { '200': { description: '待审条目', schema: ref('ReviewQueue') } },
  },
  ReviewsController_decide: {
    summary: '审核决定：同意、退回、报保密办',
    description: '`{decision, revision, comment?, contentHash?}`：退回与报审须写 `comment`（否则 422）；`contentHash` 可选，给出时内容不符即 409。同一人对同一条目只能在一个层级作决定。',
    tags: ['审核'],
    parameters: { id },
    requestExamples: X.DECIDE_EXAMPLES,
    responses: {
      '200': { description: '决定已记录', schema: ref('ItemStateChange'), example: { id: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe', state: 'awaiting_leader', revision: 1 } },
      '409': { description: '修订已过期、内容已变、或本人已在其他层级作过决定', schema: ref('Error') },
      '422': { description: '退回或报审未写理由', schema: ref('Error') },
    },
  },
  ReviewsController_override: {
    summary: '解除拦截（保密管理员）',
    description: `被密级标志拦截（blocked）的条目，经保密管理员书面说明后继续审核。${REASON_NOTE}其他可选字段见请求体结构。`,
    tags: ['保密办'],
    parameters: { id },
    requestExamples: X.OVERRIDE_EXAMPLES,
    responses: { '200': STATE_CHANGE, '409': { description: '条目未处于拦截状态，或本人已审核过该条目', schema: ref('Error') }, '422': { description: '未写理由', schema: ref('Error') } },
  },
  ReviewsController_returnReferred: {
    summary: '保密办审查后退回原层级',
    description: `报保密办（referred）的条目回到报审时的层级。${REASON_NOTE}`,
    tags: ['保密办'],
    parameters: { id },
    requestExamples: X.RETURN_EXAMPLES,
    responses: { '200': STATE_CHANGE, '409': { description: '条目未处于报审状态', schema: ref('Error') }, '422': { description: '未写理由', schema: ref('Error') } },
  },
  ReleaseController_recall: {
    summary: '撤稿',
    description: `向每个已接收发布的渠道发送 item.recalled。分管领导、主要领导或保密管理员。${REASON_NOTE}`,
    tags: ['审核'],
    parameters: { id },
    requestExamples: X.RECALL_EXAMPLES,
    responses: { '200': { description: '已撤稿的渠道', schema: ref('RecallResult') }, '409': { description: '没有可撤回的发布', schema: ref('Error') } },
  },
  ReleaseController_deliveries: {
    summary: '投递记录',
    description: '每个渠道的发布、撤稿与 CMS 回调，及每次尝试。',
    tags: ['CMS', '审核'],
    parameters: { id },
    responses: { '200': { description: '投递及尝试', schema: ref('Deliveries') } },
  },
  ReleaseController_withdraw: {
    summary: 'CMS 撤回（发布前）',
    description: '已有渠道接收的条目 409，列出渠道：须先由本单位撤稿。',
    tags: ['CMS'],
    parameters: { id },
    responses: { '200': { description: '已撤回', schema: ref('WithdrawResult') }, '409': { description: '已发布，须先撤稿', schema: ref('Error') } },
  },
  ReleaseController_redeliver: {
    summary: '重新投递失败的投递',
    tags: ['审核'],
    parameters: { id: { description: '投递编号（item.delivery_failed 中的 deliveryId）' } },
    responses: { '202': { description: '已重新排队', schema: ref('Delivery') }, '409': { description: '该投递未失败', schema: ref('Error') } },
  },
  ChannelsController_list: {
    summary: '发布渠道列表（保密管理员）',
    description: '全局渠道（运维以命令行管理）与本单位渠道；从不返回密钥。',
    tags: ['渠道'],
    responses: { '200': { description: '渠道', schema: ref('Channels') } },
  },
  ChannelsController_add: {
    summary: '新增本单位渠道',
    description: '`{name, url, secret?, unit?}`：不给 secret 时由服务生成，只在本响应中显示一次。地址在新增时和每次连接时检查（私网须在 OUTBOUND_ALLOW 内，否则 422）。',
    tags: ['渠道'],
    requestExamples: X.ADD_CHANNEL_EXAMPLES,
    responses: { '201': { description: '已新增；secret 只显示这一次', schema: ref('ChannelWithSecret') }, '409': { description: '名称已被使用', schema: ref('Error') }, '422': { description: '名称、地址或密钥不合规', schema: ref('Error') } },
  },
  ChannelsController_addSecret: {
    summary: '轮换签名密钥：加入新密钥',
    description: '新旧密钥同时签名，直到旧密钥被退役（DELETE …/secrets/previous）。',
    tags: ['渠道'],
    parameters: { name: { description: '渠道名', example: 'u1-screens' } },
    requestExamples: X.ADD_SECRET_EXAMPLES,
    responses: { '201': { description: '新密钥只显示这一次', schema: ref('ChannelWithSecret') } },
  },
  ChannelsController_retirePrevious: {
    summary: '轮换签名密钥：退役旧密钥',
    tags: ['渠道'],
    parameters: { name: { description: '渠道名', example: 'u1-screens' } },
    responses: { '200': { description: '渠道', schema: ref('Channel') } },
  },
  ChannelsController_deactivate: {
    summary: '停用本单位渠道',
    tags: ['渠道'],
    parameters: { name: { description: '渠道名', example: 'u1-screens' } },
    responses: { '200': { description: '已停用', schema: ref('Channel') } },
  },
  LexiconController_summary: {
    summary: '词库概况',
    tags: ['词库'],
    responses: { '200': { description: '本进程当前使用的词库版本与词数', schema: ref('LexiconSummary') } },
  },
  LexiconController_terms: {
    summary: '词库词条',
    description: '内置词条（source: default，只读）与自定义词条。',
    tags: ['词库'],
    responses: { '200': { description: '词条', schema: ref('LexiconTerms') } },
  },
  LexiconController_add: {
    summary: '新增词条',
    description: '`{term, category, severity, allow?, match?, note}`：match 为 substring（默认，任意位置）或 word（仅独立成词时）。记入审计，所有进程的下一次扫描生效。',
    tags: ['词库'],
    requestExamples: X.ADD_TERM_EXAMPLES,
    responses: { '201': { description: '已新增', schema: ref('LexiconChange') }, '409': { description: '词条已存在', schema: ref('Error') } },
  },
  LexiconController_change: {
    summary: '修改词条',
    description: '`{severity?, allow?, match?, note?, active?}`',
    tags: ['词库'],
    parameters: { id: { description: '词条编号' } },
    requestExamples: X.CHANGE_TERM_EXAMPLES,
    responses: { '200': { description: '已修改', schema: ref('LexiconChange') } },
  },
  LexiconController_deactivate: {
    summary: '停用词条',
    tags: ['词库'],
    parameters: { id: { description: '词条编号' } },
    responses: { '200': { description: '已停用', schema: ref('LexiconChange') } },
  },
  ReportsController_summary: {
    summary: '统计报表（本单位）',
    description: '`from`、`to`：日期（北京时间整日，含 to 当日）或带时区的时刻，最长 366 天。',
    tags: ['统计'],
    parameters: { from: { example: X.REPORT_QUERY.from }, to: { example: X.REPORT_QUERY.to } },
    responses: { '200': { description: '现状与期间数字', schema: ref('UnitReport') } },
  },
};
