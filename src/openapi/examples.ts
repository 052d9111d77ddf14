/**
 * The Chinese request examples of the documented operations. test/openapi/openapi.e2e-spec.ts sends every one of
 * them to a running service set up as they assume (unit u1, channel portal, users zhangsan…zhaoliu) and checks each
 * answer against the documented response schema, so an example that stops working fails the build.
 */
export interface Example {
  summary: string;
  description?: string;
  value: unknown;
}

export const EXAMPLE_UNIT = 'u1';
export const EXAMPLE_PASSWORD = 'Zhengwu#2026';
/** The reviewers the examples name: 信息填报员, 分管领导, 单位主要领导, 保密管理员. */
export const EXAMPLE_USERS = { filler: 'zhangsan', leader: 'lisi', chief: 'wangwu', admin: 'zhaoliu' } as const;
export const EXAMPLE_CALLBACK_ORIGIN = 'https://cms.example.gov.cn';

const NOTICE_TITLE = '关于做好2026年春节期间安全生产工作的通知';
const NOTICE_BODY = '各乡镇人民政府、县级各部门：\n春节将至，为确保全县安全生产形势稳定，现将有关事项通知如下。\n联系电话：0817-2222222。';
/** 名单.txt: "联系人：张三（办公室）" in UTF-8. */
const ATTACHMENT_DATA = Buffer.from('联系人：张三（办公室）\n', 'utf8').toString('base64');

export const SUBMIT_EXAMPLES: Record<string, Example> = {
  text: {
    summary: '纯文本通知，带作者与回调地址',
    description: '`author` 是对象 `{id, name}`（不能是字符串）；`callbackUrl` 的来源须已用 `client:add/update --callback-origin` 登记。',
    value: {
      externalId: 'cms-2026-0001',
      unit: EXAMPLE_UNIT,
      title: NOTICE_TITLE,
      body: NOTICE_BODY,
      format: 'text',
      channels: ['portal'],
      author: { id: 'u-1024', name: '办公室 李明' },
      callbackUrl: `${EXAMPLE_CALLBACK_ORIGIN}/clearance/callback`,
    },
  },
  withAttachment: {
    summary: '带附件（JSON 中以 base64 传送）',
    value: {
      externalId: 'cms-2026-0002',
      unit: EXAMPLE_UNIT,
      title: '2026年第一季度政务公开工作人员名单',
      body: '<p>现将第一季度政务公开工作人员名单公布如下，详见附件。</p>',
      format: 'html',
      channels: ['portal'],
      attachments: [{ filename: '名单.txt', contentType: 'text/plain', data: ATTACHMENT_DATA }],
    },
  },
};

/** Refused with 400 naming `author`: the shape the integrator sent. */
export const SUBMIT_BAD_AUTHOR = { ...(SUBMIT_EXAMPLES.text.value as object), externalId: 'cms-2026-0003', author: '办公室' };

export const SCAN_EXAMPLES: Record<string, Example> = {
  marking: {
    summary: '草稿预检：含密级标志与手机号',
    value: { title: '会议纪要（草稿）', body: '机密★10年\n参会人员联系方式：13812345678。', format: 'text' },
  },
};

export const LOGIN_EXAMPLES: Record<string, Example> = {
  filler: { summary: '信息填报员登录', value: { username: EXAMPLE_USERS.filler, password: EXAMPLE_PASSWORD } },
};

/**
 * An item whose scan finds one review-level hit (a mobile number): 初审 must record a disposition for it before
 * approving. Hit ids follow from the rule and the offsets (src/items/hit-groups.ts), so the same text always has this id.
 */
export const HOTLINE_ITEM = {
  externalId: 'cms-2026-0004',
  title: '关于开通政务服务咨询热线的公告',
  body: '各位群众：\n县政务服务中心已开通办事咨询热线，值班手机：13812345678（工作日9:00—17:00）。',
};
export const HOTLINE_HIT_ID = '741cdb6186a917db';

export const DECIDE_EXAMPLES: Record<string, Example> = {
  approve: {
    summary: '同意（初审、复审、复核均用此形式）',
    description: '`revision` 与可选的 `contentHash` 指明所审内容；内容已变则 409。',
    value: { decision: 'approve', revision: 1, comment: '经审核，内容不涉密，同意发布' },
  },
  reject: {
    summary: '退回 CMS（须写明理由）',
    value: { decision: 'reject', revision: 1, comment: '附件含个人手机号，请脱敏后重新提交' },
  },
  refer: {
    summary: '报保密办审查（须写明理由）',
    value: { decision: 'refer', revision: 1, comment: '涉及尚未公开的规划内容，请保密办审查' },
  },
  approveWithDispositions: {
    summary: '初审同意，并逐条处置需复核的命中',
    description: '初审同意时，扫描中每条 review 级命中（item.scan.reviewHitCount 条，编号见 scan.hits[].id 与 hitGroups）都须给出处置：verified 已核实可公开，或 false-positive 误报；缺少或编号不符为 422。复审、复核可补充自己的处置。',
    value: {
      decision: 'approve', revision: 1, comment: '值班手机为对外公开的办事热线，同意发布',
      dispositions: [{ hitId: HOTLINE_HIT_ID, outcome: 'verified', note: '该号码为政务服务中心对外公布的值班电话，非个人隐私' }],
    },
  },
};

/** override, return and recall all take `{comment}`: the written reason. */
export const OVERRIDE_EXAMPLES: Record<string, Example> = {
  override: {
    summary: '解除拦截（输入拦截的标志作为二次确认）',
    description: '`confirmMarking` 须与条目 scan.blockingMarking 一致（页面显示“我确认解除『机密★10年』标志的拦截”），不符为 422。',
    value: { comment: '经核查，“机密★10年”系引用已解密文件的原标志，该文件已于2025年解密，同意继续审核', confirmMarking: '机密★10年' },
  },
};
export const WITHHOLD_EXAMPLES: Record<string, Example> = {
  withhold: { summary: '不予公开（理由发给 CMS）', value: { comment: '属于内部事务信息（条例第十六条），不予公开' } },
};
export const DISMISS_EXAMPLES: Record<string, Example> = {
  dismiss: { summary: '不再投递（写明理由）', value: { comment: '档案渠道已停用，该条目改由门户网站发布，不再重新投递' } },
};
export const CLAIM_EXAMPLES: Record<string, Example> = {
  claim: { summary: '认领 60 分钟（不给 minutes 为 30 分钟，最长 480）', value: { minutes: 60 } },
};

export const UPDATE_ACCOUNT_EXAMPLES: Record<string, Example> = {
  email: { summary: '设置接收通知的邮箱', value: { email: 'zhangsan@example.gov.cn' } },
  none: { summary: '不再接收邮件（null 或空字符串）', value: { email: null } },
};
export const NEW_PASSWORD = 'Zhengwu#2026-12';
export const CHANGE_PASSWORD_EXAMPLES: Record<string, Example> = {
  change: {
    summary: '修改密码',
    description: '新密码至少 8 个字符，含字母、数字、其他字符中的两类，且不能是用户名；当前密码错误为 422（计入登录失败次数）。成功后本人的其他会话全部结束。',
    value: { currentPassword: EXAMPLE_PASSWORD, newPassword: NEW_PASSWORD },
  },
};

export const ITEM_LIST_QUERY = { view: 'all', state: 'awaiting_filler,awaiting_leader', q: '咨询热线', sort: 'submitted', order: 'desc', limit: 20 };

export const RETURN_EXAMPLES: Record<string, Example> = {
  return: { summary: '保密办审查后退回原层级', value: { comment: '经保密办审查，规划内容已于2026年1月公开，可以发布' } },
};
export const RECALL_EXAMPLES: Record<string, Example> = {
  recall: { summary: '撤稿', value: { comment: '发现正文误含内部联系人信息，撤稿处理' } },
};

export const ADD_CHANNEL_EXAMPLES: Record<string, Example> = {
  screens: {
    summary: '本单位的电子屏渠道（政务外网地址，须在 OUTBOUND_ALLOW 内）',
    value: { name: 'u1-screens', url: 'http://10.20.0.5:8080/hooks/clearance' },
  },
};
export const ADD_SECRET_EXAMPLES: Record<string, Example> = {
  generated: { summary: '由服务生成新密钥（只显示一次）', value: {} },
};

export const ADD_TERM_EXAMPLES: Record<string, Example> = {
  term: {
    summary: '新增敏感词（拦截，整词匹配）',
    value: { term: '演习坐标', category: 'sensitive-term', severity: 'block', match: 'word', note: '保密办2026年1号通知：军事演习坐标不得公开' },
  },
};
export const CHANGE_TERM_EXAMPLES: Record<string, Example> = {
  soften: { summary: '改为人工复核并补充说明', value: { severity: 'review', note: '演习结束后的坐标可经审核公开' } },
};

export const REPORT_QUERY = { from: '2026-11-01', to: '2026-11-30' };
