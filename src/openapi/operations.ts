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
  AuthController_refresh: {
    summary: '续期令牌',
    description: '无请求体：以当前有效的 Bearer 令牌换取同一会话的新令牌（页面在有操作时调用）。会话登录后 SESSION_MAX_SECONDS 到期，续期不能越过；已登出、改过密码或被停用的会话 401。',
    tags: ['认证'],
    responses: {
      '200': {
        description: '新令牌', schema: ref('LoginResult'),
        example: { accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…', expiresIn: 900, sessionExpiresAt: '2026-12-02T16:00:00.000Z', user: { username: 'zhangsan', displayName: '张三', roles: ['filler'], unit: 'u1', unitName: '某某县政务服务管理局' } },
      },
    },
  },
  AuthController_logout: {
    summary: '登出',
    description: '在服务端结束本会话：本令牌及由它续期的令牌此后一律 401。无请求体。',
    tags: ['认证'],
    responses: { '204': { description: '已登出' } },
  },
  AuthController_view: {
    summary: '我的账户',
    description: '姓名、邮箱、角色、单位，以及新密码须满足的规则（账户页显示同一规则）。',
    tags: ['认证'],
    responses: {
      '200': {
        description: '账户', schema: ref('Account'),
        example: { username: 'zhangsan', displayName: '张三', email: 'zhangsan@example.gov.cn', roles: ['filler'], unit: { code: 'u1', name: '某某县政务服务管理局' }, createdAt: '2026-11-27T01:00:00.000Z', passwordRules: { minLength: 8, maxLength: 256, minKinds: 2 } },
      },
    },
  },
  AuthController_update: {
    summary: '修改我的邮箱',
    description: '`{email}`：接收通知邮件的地址；`null` 或空字符串为不接收。地址不合规为 422（字段 email）。记入审计。',
    tags: ['认证'],
    requestExamples: X.UPDATE_ACCOUNT_EXAMPLES,
    responses: { '200': { description: '修改后的账户', schema: ref('Account') }, '422': { description: '邮箱地址不合规', schema: ref('Error') } },
  },
  AuthController_changePassword: {
    summary: '修改密码',
    description: '`{currentPassword, newPassword}`：当前密码错误为 422（字段 currentPassword，并计入登录失败次数，过多时 429）；新密码不合规则为 422（字段 newPassword）。成功后本人其他会话全部结束，本会话保留。',
    tags: ['认证'],
    requestExamples: X.CHANGE_PASSWORD_EXAMPLES,
    responses: {
      '200': { description: '已修改', schema: ref('PasswordChanged'), example: { endedSessions: 1 } },
      '409': { description: '密码在此期间已被他人修改，请用新密码重新登录', schema: ref('Error') },
      '422': { description: '当前密码错误，或新密码不合规则', schema: ref('Error') },
      '429': { description: '失败次数过多，稍后再试', schema: ref('Error') },
    },
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
  ItemListController_items: {
    summary: '条目列表：全部、已办、待我审核',
    description: [
      '本单位的条目（其他单位的从不出现）。`view`：all 全部（默认）/ done 我作过决定的 / mine 我现在可以办理的（同“我的待审”）。',
      '`state` 可用逗号分隔多个状态；`level` 为所待层级（admin：拦截与报审）；`category` 为命中类别；`q` 在当前修订的标题与正文中检索（以空格分隔的每个词都须出现）。',
      '`from`、`to` 限定当前修订的提交时间：日期为北京时间整日（含 to 当日），或带时区的时刻。`limit`（1–200，默认 50）与上一页的 `nextCursor`（作为 `cursor`，须用同一 sort、order）分页。',
    ].join(''),
    tags: ['审核'],
    parameters: {
      view: { example: X.ITEM_LIST_QUERY.view },
      state: { description: '一个或多个状态，逗号分隔', example: X.ITEM_LIST_QUERY.state },
      q: { description: '检索词，空格分隔', example: X.ITEM_LIST_QUERY.q },
      sort: { description: 'submitted 按提交时间（默认）/ updated 按最近状态变化', example: X.ITEM_LIST_QUERY.sort },
      order: { example: X.ITEM_LIST_QUERY.order },
      limit: { description: '每页条数，1–200，默认 50', example: X.ITEM_LIST_QUERY.limit },
      cursor: { description: '上一页响应中的 nextCursor，原样传回' },
    },
    responses: { '200': { description: '条目，最新的在前（order=desc）', schema: ref('ItemList') } },
  },
  ItemsController_view: {
    summary: '查看条目',
    description: 'CMS（本客户端的条目）或本单位审核人员。含扫描命中、附件、决定、历史与各渠道投递。',
    tags: ['CMS', '审核'],
    parameters: { id },
    responses: { '200': { description: '条目。scan.hits 每条命中带 id；hitGroups 按规则分组，每组前 50 条，其余用 GET /items/{id}/hits 分页；hitCount 为全部命中数，reviewHitCount 为须在初审处置的条数', schema: ref('Item') } },
  },
  RevisionsController_list: {
    summary: '修订版本列表',
    description: 'CMS（本客户端的条目）或本单位审核人员。每个修订的标题、内容哈希、提交时间、扫描结论与命中数。',
    tags: ['CMS', '审核'],
    parameters: { id },
    responses: { '200': { description: '修订，从 1 起', schema: ref('Revisions') } },
  },
  RevisionsController_get: {
    summary: '查看某一修订',
    description: '该修订的全文、扫描结果（同条目的 scan）、附件，以及在该修订上所作的决定与命中处置。',
    tags: ['CMS', '审核'],
    parameters: { id, number: { description: '修订号，从 1 起', example: 1 } },
    responses: { '200': { description: '修订', schema: ref('Revision') } },
  },
  RevisionsController_diff: {
    summary: '对比两个修订',
    description: '标题与正文逐段对比（equal / insert / delete），两侧的命中位置，以及附件的增删改（两侧均已扫描且文字不太大时对比附件文字）。修订不存在为 404（字段 from 或 to）。',
    tags: ['CMS', '审核'],
    parameters: { id, from: { description: '旧修订号', example: 1 }, to: { description: '新修订号', example: 2 } },
    responses: { '200': { description: '对比', schema: ref('RevisionDiff') } },
  },
  RevisionsController_hits: {
    summary: '某条规则的命中（分页）',
    description: '条目视图每组只带前 50 条命中；其余按 `offset`（默认 0）与 `limit`（1–500，默认 50）取，`nextOffset` 为下一页起点。`revision` 缺省为当前修订。',
    tags: ['CMS', '审核'],
    parameters: { id, rule: { description: '规则编号（hitGroups[].ruleId）', example: 'mobile' }, offset: { example: 0 }, limit: { example: 50 }, revision: { description: '修订号；缺省为当前修订', example: 1 } },
    responses: { '200': { description: '一页命中', schema: ref('HitPage') }, '404': { description: '条目、修订不存在，或该修订尚未扫描', schema: ref('Error') } },
  },
  ClaimsController_current: {
    summary: '认领情况与办理时限',
    description: '谁在当前层级认领了条目（到何时为止），以及当前层级的办理时限与是否超时。',
    tags: ['审核'],
    parameters: { id },
    responses: {
      '200': {
        description: '认领与时限', schema: ref('ClaimState'),
        example: {
          claim: { userId: '0b6f3d1e-5a8c-4a55-9a7e-2f1d6c3b8e90', username: 'zhangsan', displayName: '张三', level: 'filler', claimedAt: '2026-12-02T01:30:00.000Z', expiresAt: '2026-12-02T02:30:00.000Z' },
          due: { level: 'filler', dueAt: '2026-12-04T01:30:00.000Z', overdue: false },
        },
      },
    },
  },
  ClaimsController_claim: {
    summary: '认领（或续期）',
    description: '`{minutes?}`（1–480，默认 30）：在条目当前层级认领，期间他人不能对其作决定（409 并指明认领人）。本人再次认领即续期。只有该层级的审核人员可以认领；在其他层级审核过该条目的人不能认领。',
    tags: ['审核'],
    parameters: { id },
    requestExamples: X.CLAIM_EXAMPLES,
    responses: { '200': { description: '认领', schema: ref('Claim') }, '409': { description: '条目不在待审层级、已被他人认领，或本人已在其他层级审核过', schema: ref('Error') } },
  },
  ClaimsController_release: {
    summary: '放弃认领（保密管理员可清除他人的认领）',
    tags: ['审核'],
    parameters: { id },
    responses: { '200': { description: '已结束的认领', schema: ref('ClaimReleased') }, '409': { description: '没有人认领该条目', schema: ref('Error') } },
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
    description: '本人角色所在层级、本单位的待审条目，等待最久的在前；每条带办理时限（dueAt、overdue）与认领（claim）。`limit`（1–200，默认 50）与上一页返回的 `next`（作为 `cursor`）分页。',
    tags: ['审核'],
    parameters: { limit: { description: '每页条数，1–200，默认 50', example: 20 }, cursor: { description: '上一页响应中的 next，原样传回' } },
    responses: { '200': { description: '待审条目', schema: ref('ReviewQueue') } },
  },
  ReviewsController_decide: {
    summary: '审核决定：同意、退回、报保密办',
    description: '`{decision, revision, comment?, contentHash?, dispositions?}`：退回与报审须写 `comment`（否则 422）；`contentHash` 可选，给出时内容不符即 409。初审同意时须以 `dispositions` 处置每条 review 级命中（否则 422，字段 dispositions）。同一人对同一条目只能在一个层级作决定；他人认领期间 409。',
    tags: ['审核'],
    parameters: { id },
    requestExamples: X.DECIDE_EXAMPLES,
    responses: {
      '200': { description: '决定已记录', schema: ref('ItemStateChange'), example: { id: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe', state: 'awaiting_leader', revision: 1 } },
      '409': { description: '修订已过期、内容已变、本人已在其他层级作过决定，或条目已被他人认领', schema: ref('Error') },
      '422': { description: '退回或报审未写理由；初审同意时命中处置缺少或编号不符', schema: ref('Error') },
    },
  },
  ReviewsController_override: {
    summary: '解除拦截（保密管理员）',
    description: `被密级标志拦截（blocked）的条目，经保密管理员书面说明后回到初审。请求体为 \`{comment, confirmMarking?}\`：必填的书面理由（≤ 4000 字），以及作为二次确认原样输入的拦截标志（条目的 scan.blockingMarking，页面总是发送；不符为 422）。`,
    tags: ['保密办'],
    parameters: { id },
    requestExamples: X.OVERRIDE_EXAMPLES,
    responses: { '200': STATE_CHANGE, '409': { description: '条目未处于拦截状态，或本人已审核过该条目', schema: ref('Error') }, '422': { description: '未写理由，或 confirmMarking 与拦截标志不符', schema: ref('Error') } },
  },
  ReviewsController_withhold: {
    summary: '不予公开（保密管理员）',
    description: `在审（初审、复审、复核）、拦截或报审中的条目不予发布，状态为 withheld；理由随 item.withheld 回调发给 CMS。CMS 提交新修订可重新送审。${REASON_NOTE}`,
    tags: ['保密办'],
    parameters: { id },
    requestExamples: X.WITHHOLD_EXAMPLES,
    responses: {
      '200': { description: '已不予公开', schema: ref('ItemStateChange'), example: { id: '72a8d1b3-02bd-434c-a85a-6a8ca0ac30fe', state: 'withheld', revision: 1 } },
      '409': { description: '条目不在可不予公开的状态，或本人已审核过该条目', schema: ref('Error') },
      '422': { description: '未写理由', schema: ref('Error') },
    },
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
  FailedDeliveriesController_list: {
    summary: '最终失败的投递（保密管理员）',
    description: '本单位最终失败、尚未重新投递或不再投递的发布与撤稿（最多 200 条，最近的在前）。',
    tags: ['渠道'],
    responses: { '200': { description: '失败的投递', schema: ref('FailedDeliveries') } },
  },
  FailedDeliveriesController_dismiss: {
    summary: '不再投递（保密管理员）',
    description: `从失败列表中移除一次失败的发布或撤稿，记入审计；之后再失败会重新出现。${REASON_NOTE}`,
    tags: ['渠道'],
    parameters: { id: { description: '投递编号（失败列表中的 id）' } },
    requestExamples: X.DISMISS_EXAMPLES,
    responses: {
      '200': { description: '已移除', schema: ref('DeliveryDismissed') },
      '409': { description: '该投递未失败，或已被移除', schema: ref('Error') },
      '422': { description: '未写理由', schema: ref('Error') },
    },
  },
  NotificationsController_summary: {
    summary: '待办数（页眉角标）',
    description: '我现在可以办理的条目数（同“我的待审”）及其中已超时的条数。',
    tags: ['通知'],
    responses: { '200': { description: '待办与超时', schema: ref('NotificationSummary'), example: { awaiting: 3, overdue: 1 } } },
  },
  NotificationsController_recent: {
    summary: '我收到的通知邮件',
    description: '发给本人的通知邮件，最新的在前；`limit` 1–100，默认 20。',
    tags: ['通知'],
    parameters: { limit: { description: '条数，1–100，默认 20', example: 20 } },
    responses: { '200': { description: '通知', schema: ref('Notifications') } },
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
    responses: { '200': { description: '现状（含此刻超时条数 now.overdue）与期间数字（含撤稿 inPeriod.recalls、超时 inPeriod.overdue）', schema: ref('UnitReport') } },
  },
};
