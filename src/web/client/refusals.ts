import { ApiError } from './api.js';
import { formatTime } from './format.js';
import { DELIVERY_STATUS, label, LEVEL, STATE } from './labels.js';

/** A refused request in plain Chinese; the server's English message only picks which explanation fits. */
export function explainRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return '无法连接服务器，请检查网络后重试。';
  const message = error.body.message ?? '';
  switch (error.status) {
    case 401:
      return '登录已过期，请重新登录。';
    case 403:
      return explainForbidden(message);
    case 404:
      return /^delivery /.test(message) ? '找不到该投递记录，请刷新页面。' : '找不到该稿件，可能已被撤回或您无权查看。';
    case 409:
      return explainConflict(message);
    case 422:
      return '请填写意见：退回、报审、解除拦截和撤稿都必须写明理由。';
    case 429:
      return `操作过于频繁，请 ${error.retryAfter ?? 60} 秒后再试。`;
    default:
      return error.status >= 500 ? '服务器暂时无法处理，请稍后重试；如果一直出现，请联系管理员。' : '请求未被接受，请检查填写内容后重试。';
  }
}

function explainForbidden(message: string): string {
  if (/only they or a secrecy administrator may end it/.test(message)) return '只有认领人或保密管理员可以结束认领。';
  if (/only a reviewer of that level may claim it/.test(message)) return '只有该审核环节的审核人可以认领这篇稿件。';
  if (/may recall/.test(message)) return '只有分管领导、主要领导或保密管理员可以撤稿，您的账号没有这项权限。';
  if (/only a secrecy administrator/.test(message)) return '只有保密管理员可以进行此操作。';
  if (/another unit/.test(message)) return '该稿件属于其他单位，您无权处理。';
  return '您无权进行此操作：该稿件不属于您的审核环节或所在单位。';
}

function explainConflict(message: string): string {
  const claimed = /^the item is claimed by (.+) at (filler|leader|chief) until (\S+?);/.exec(message);
  if (claimed) return `${claimed[1]} 已认领这篇稿件（${label(LEVEL, claimed[2])}），至 ${formatTime(claimed[3])}；认领结束前您不能作出决定。请稍后再试，或请保密管理员清除认领。`;
  if (/nobody holds a claim/.test(message)) return '这篇稿件目前无人认领。';
  const recall = /the item is (\w+): only an item being published or published can be recalled/.exec(message);
  if (recall) return `这篇稿件当前状态为“${label(STATE, recall[1])}”，只有发布中或已发布的稿件可以撤稿，您的操作未生效。页面已重新载入。`;
  const nothing = /the item is (\w+) and no channel holds a release of it/.exec(message);
  if (nothing) return `这篇稿件当前状态为“${label(STATE, nothing[1])}”，已没有渠道在发布它，无须撤稿，您的操作未生效。页面已重新载入。`;
  const delivery = /the delivery is (\w+): only a failed delivery/.exec(message);
  if (delivery) return `这条投递当前为“${label(DELIVERY_STATUS, delivery[1])}”，只有发送失败的投递才能重新投递。投递列表已刷新。`;
  const unwanted = /the item is (\w+) at revision (\d+): this release is no longer wanted/.exec(message);
  if (unwanted) return `稿件现为“${label(STATE, unwanted[1])}”（第 ${unwanted[2]} 版），这次发布已不再需要，无法重新投递。`;
  const stale = /revision (\d+) is stale: the current revision is (\d+)/.exec(message);
  if (stale) return `稿件已更新为第 ${stale[2]} 版，您审阅的第 ${stale[1]} 版已失效。页面已载入最新内容，请重新审阅。`;
  if (/separation of duties/.test(message)) return '您已在其他审核环节处理过这篇稿件。按照分级审核的要求，同一人只能在一个环节审核，请交由其他人员处理。';
  const level = /now awaits (\w+)/.exec(message);
  if (level) return `其他审核人员已经处理了这篇稿件，现在等待${label(LEVEL, level[1])}。页面已重新载入。`;
  const state = /the item is (\w+)/.exec(message);
  if (state) return `这篇稿件已被他人处理，当前状态为“${label(STATE, state[1])}”，您的操作未生效。页面已重新载入。`;
  return '稿件在您审阅期间发生了变化，您的操作未生效。页面已重新载入，请查看最新状态。';
}
