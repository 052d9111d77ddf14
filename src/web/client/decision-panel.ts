import { api } from './api.js';
import { h } from './dom.js';
import { DECISION, label, LEVEL, STATE } from './labels.js';
import type { Session } from './session.js';
import type { ItemDetail } from './wire.js';

type Action = 'approve' | 'reject' | 'refer' | 'override' | 'return';

export interface DecisionOutcome {
  action: Action;
  ok: boolean;
  error?: unknown;
}

const NEEDS_REASON: readonly Action[] = ['reject', 'refer', 'override', 'return'];

interface Choice {
  action: Action;
  text: string;
  style: string;
  hint: string;
}

/** Which buttons this person gets on this item, or none (with a note saying why). */
function choicesFor(item: ItemDetail, session: Session): { title: string; choices: Choice[] } | null {
  const level = /^awaiting_(filler|leader|chief)$/.exec(item.state)?.[1];
  const roles = session.user.roles;
  if (level && roles.includes(level)) {
    return {
      title: `审核决定 · ${label(LEVEL, level)}`,
      choices: [
        { action: 'approve', text: '通过', style: 'primary', hint: level === 'chief' ? '复核通过后即可发布' : '转下一审核环节' },
        { action: 'reject', text: '退回', style: 'danger', hint: '退回填报单位修改，须写明原因' },
        { action: 'refer', text: '报审', style: 'secondary', hint: '提交保密管理员审查，须写明原因' },
      ],
    };
  }
  if (!roles.includes('admin')) return null;
  if (item.state === 'blocked') {
    return { title: '保密审查 · 拦截处置', choices: [{ action: 'override', text: '解除拦截', style: 'danger', hint: '确认不涉密后转入初审，须写明依据' }] };
  }
  if (item.state === 'referred') {
    const back = item.referredFrom ? label(LEVEL, item.referredFrom) : '原审核环节';
    return { title: '保密审查 · 报审处理', choices: [{ action: 'return', text: `退回${back}`, style: 'primary', hint: '审查意见随稿件退回原审核环节，须填写' }] };
  }
  return null;
}

function send(item: ItemDetail, action: Action, comment: string): Promise<unknown> {
  switch (action) {
    case 'approve':
    case 'reject':
    case 'refer':
      return api.decide(item.id, action, item.revision, comment || undefined);
    case 'override':
      return api.override(item.id, comment);
    case 'return':
      return api.returnReferred(item.id, comment);
  }
}

/** The decision form: a reason is required for everything but 通过, checked here and again by the server. */
export function decisionPanel(item: ItemDetail, session: Session, done: (outcome: DecisionOutcome) => void): HTMLElement {
  const plan = choicesFor(item, session);
  if (!plan) {
    return h('section', { className: 'side-section decide', attrs: { id: 'decide' } },
      h('h2', null, '审核决定'),
      h('p', { className: 'muted' }, `当前状态：${label(STATE, item.state)}。这篇稿件现在不需要您处理。`));
  }
  const comment = h('textarea', { attrs: { id: 'comment', rows: '3', maxlength: '4000', 'aria-describedby': 'comment-hint comment-error' } });
  const error = h('p', { className: 'field-error', attrs: { id: 'comment-error', role: 'alert' } });
  const buttons = plan.choices.map((choice) =>
    h('button', { className: `button ${choice.style}`, attrs: { type: 'button', 'data-action': choice.action, title: choice.hint } }, choice.text));
  const onlyApprove = plan.choices.every((c) => c.action === 'approve');
  const admin = plan.choices.some((c) => c.action === 'override' || c.action === 'return');
  const panel = h('section', { className: `side-section decide${admin ? ' decide-admin' : ''}`, attrs: { id: 'decide', 'aria-labelledby': 'decide-title' } },
    h('h2', { attrs: { id: 'decide-title' } }, plan.title),
    h('label', { attrs: { for: 'comment' } }, plan.choices.some((c) => c.action === 'approve') ? '审核意见' : '处理意见'),
    h('p', { className: 'hint', attrs: { id: 'comment-hint' } }, onlyApprove ? '' : plan.choices.length > 1 ? '选择“通过”时可不填；退回、报审必须填写。' : '必须填写处理依据。'),
    comment,
    error,
    h('div', { className: 'actions' }, ...buttons),
    h('p', { className: 'hint' }, `您的决定将记录在第 ${item.revision} 版上，并与内容校验值一同存档。`));
  buttons.forEach((button, i) => {
    const action = plan.choices[i].action;
    button.addEventListener('click', () => {
      const reason = comment.value.trim();
      if (NEEDS_REASON.includes(action) && !reason) {
        error.textContent = `${label(DECISION, action)}必须填写意见，请说明原因。`;
        comment.setAttribute('aria-invalid', 'true');
        comment.focus();
        return;
      }
      error.textContent = '';
      comment.removeAttribute('aria-invalid');
      buttons.forEach((b) => (b.disabled = true));
      send(item, action, reason).then(
        () => done({ action, ok: true }),
        (failure: unknown) => {
          buttons.forEach((b) => (b.disabled = false));
          done({ action, ok: false, error: failure });
        },
      );
    });
  });
  return panel;
}
