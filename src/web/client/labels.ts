/** Chinese words for the wire names; LEVEL mirrors LEVEL_LABELS in libs/workflow/src/states.ts. */
export const LEVEL: Record<string, string> = { filler: '初审', leader: '复审', chief: '复核', admin: '保密审查' };

export const ROLE: Record<string, string> = { filler: '信息填报员（初审）', leader: '分管领导（复审）', chief: '主要领导（复核）', admin: '保密管理员' };

export const STATE: Record<string, string> = {
  submitted: '已提交',
  scanning: '扫描中',
  awaiting_filler: '待初审',
  awaiting_leader: '待复审',
  awaiting_chief: '待复核',
  approved: '审核通过',
  publishing: '发布中',
  published: '已发布',
  blocked: '已拦截',
  rejected: '已退回',
  referred: '已报保密审查',
  withdrawn: '已撤回',
  recalled: '已撤稿',
  withheld: '不予公开',
};

export const VERDICT: Record<string, string> = { pass: '通过', review: '需复核', block: '拦截' };

export const SEVERITY: Record<string, string> = { block: '拦截', review: '需复核', info: '提示' };

export const CATEGORY: Record<string, string> = {
  'classified-marking': '密级标志',
  'internal-marking': '内部标注',
  'personal-info': '个人信息',
  'process-info': '过程性信息',
  'sensitive-term': '涉密敏感词',
  'not-examined': '未能审查的内容',
  'hidden-content': '隐藏内容',
};

export const DECISION: Record<string, string> = { approve: '通过', reject: '退回', refer: '报审', override: '解除拦截', return: '退回原审核环节', recall: '撤稿', withhold: '不予公开' };

export const DELIVERY_STATUS: Record<string, string> = { pending: '待发送', delivered: '已送达', failed: '发送失败', cancelled: '已取消' };

export const DELIVERY_KIND: Record<string, string> = { release: '发布', recall: '撤稿', callback: '回执' };

export const CHANNEL: Record<string, string> = { portal: '门户网站', wechat: '微信公众号', screen: '电子显示屏', gazette: '政府公报' };

export const label = (table: Record<string, string>, key: string | null | undefined): string => (key ? (table[key] ?? key) : '—');
