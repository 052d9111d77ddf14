import { h } from './dom.js';
import { keepDraft } from './draft-store.js';
import { dispositionForm, DispositionForm } from './disposition-form.js';
import { DispositionInput, ItemRecord, recordApi } from './item-record.js';
import { DECISION, label, LEVEL, STATE } from './labels.js';
import type { Session } from './session.js';

type Action = 'approve' | 'reject' | 'refer' | 'override' | 'return' | 'withhold';

export interface DecisionOutcome {
  action: Action;
  ok: boolean;
  error?: unknown;
}

const NEEDS_REASON: readonly Action[] = ['reject', 'refer', 'override', 'return', 'withhold'];
/** Where a secrecy administrator may end the item as 不予公开 (WITHHOLDABLE_STATES in libs/workflow). */
const WITHHOLDABLE = ['awaiting_filler', 'awaiting_leader', 'awaiting_chief', 'blocked', 'referred'];

interface Choice {
  action: Action;
  text: string;
  style: string;
  hint: string;
}

const WITHHOLD: Choice = { action: 'withhold', text: '不予公开', style: 'danger', hint: '结束审核、不予发布，理由将回复内容管理系统，须写明' };

/** Which buttons this person gets on this item, or none (with a note saying why). */
function choicesFor(item: ItemRecord, session: Session): { title: string; level?: string; choices: Choice[] } | null {
  const level = /^awaiting_(filler|leader|chief)$/.exec(item.state)?.[1];
  const roles = session.user.roles;
  const admin = roles.includes('admin');
  const withhold = admin && WITHHOLDABLE.includes(item.state) ? [WITHHOLD] : [];
  if (level && roles.includes(level)) {
    return {
      title: `审核决定 · ${label(LEVEL, level)}`,
      level,
      choices: [
        { action: 'approve', text: '通过', style: 'primary', hint: level === 'chief' ? '复核通过后即可发布' : '转下一审核环节' },
        { action: 'reject', text: '退回', style: 'danger', hint: '退回填报单位修改，须写明原因' },
        { action: 'refer', text: '报审', style: 'secondary', hint: '提交保密管理员审查，须写明原因' },
        ...withhold,
      ],
    };
  }
  if (!admin) return null;
  if (item.state === 'blocked') {
    return { title: '保密审查 · 拦截处置', choices: [{ action: 'override', text: '解除拦截', style: 'danger', hint: '确认不涉密后转入初审，须写明依据' }, WITHHOLD] };
  }
  if (item.state === 'referred') {
    const back = item.referredFrom ? label(LEVEL, item.referredFrom) : '原审核环节';
    return { title: '保密审查 · 报审处理', choices: [{ action: 'return', text: `退回${back}`, style: 'primary', hint: '审查意见随稿件退回原审核环节，须填写' }, WITHHOLD] };
  }
  if (withhold.length) return { title: '保密审查 · 不予公开', choices: withhold };
  return null;
}

function send(item: ItemRecord, action: Action, comment: string, dispositions: DispositionInput[], marking: string | undefined): Promise<unknown> {
  switch (action) {
    case 'approve':
    case 'reject':
    case 'refer':
      return recordApi.decide(item.id, { decision: action, revision: item.revision, ...(comment ? { comment } : {}), ...(dispositions.length ? { dispositions } : {}) });
    case 'override':
      return recordApi.override(item.id, comment, marking);
    case 'return':
      return recordApi.returnReferred(item.id, comment);
    case 'withhold':
      return recordApi.withhold(item.id, comment);
  }
}

/**
 * The decision form: a reason is required for everything but 通过, checked here and again by the server. At 初审 a
 * 通过 needs every review-level hit disposed of; lifting a block asks a second time, naming the marking.
 */
export function decisionPanel(item: ItemRecord, session: Session, done: (outcome: DecisionOutcome) => void): HTMLElement {
  const plan = choicesFor(item, session);
  if (!plan) {
    return h('section', { className: 'side-section decide decide-idle', attrs: { id: 'decide' } },
      h('h2', null, '审核决定'),
      h('p', { className: 'muted' }, `当前状态：${label(STATE, item.state)}。这篇稿件现在不需要您处理。`));
  }
  const comment = h('textarea', { attrs: { id: 'comment', rows: '3', maxlength: '4000', 'aria-describedby': 'comment-hint comment-error' } });
  const dropDraft = keepDraft(comment, `decision:${item.id}:r${item.revision}`);
  const error = h('p', { className: 'field-error', attrs: { id: 'comment-error', role: 'alert' } });
  const buttons = plan.choices.map((choice) =>
    h('button', { className: `button ${choice.style}`, attrs: { type: 'button', 'data-action': choice.action, title: choice.hint } }, choice.text));
  const onlyApprove = plan.choices.every((c) => c.action === 'approve');
  const admin = plan.choices.some((c) => c.action === 'override' || c.action === 'return' || c.action === 'withhold');
  const form: DispositionForm | null = plan.level ? dispositionForm(item, plan.level === 'filler') : null;
  const marking = item.scan?.blockingMarking ?? undefined;
  const confirmText = marking ? `我确认解除『${marking}』标志的拦截` : '我确认解除本稿件的拦截';
  const confirmBox = h('input', { attrs: { type: 'checkbox', id: 'confirm-marking' } });
  const confirm = h('div', { className: 'confirm-marking', attrs: { id: 'confirm-marking-step', hidden: '' } },
    h('label', { attrs: { for: 'confirm-marking' } }, confirmBox, ` ${confirmText}`),
    h('p', { className: 'hint' }, '解除拦截后稿件转入初审，您的理由和确认将记入审核记录。请勾选后再次点击“解除拦截”。'));
  const panel = h('section', { className: `side-section decide${admin ? ' decide-admin' : ''}`, attrs: { id: 'decide', 'aria-labelledby': 'decide-title' } },
    h('h2', { attrs: { id: 'decide-title' } }, plan.title),
    form?.element ?? null,
    h('label', { attrs: { for: 'comment' } }, plan.choices.some((c) => c.action === 'approve') ? '审核意见' : '处理意见'),
    h('p', { className: 'hint', attrs: { id: 'comment-hint' } }, onlyApprove ? '' : plan.choices.length > 1 ? '选择“通过”时可不填；其他处理必须写明理由。' : '必须填写处理依据。'),
    comment,
    error,
    confirm,
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
      if (action === 'override' && !confirmBox.checked) {
        // The second confirmation, naming the marking the administrator is lifting.
        confirm.hidden = false;
        confirmBox.focus();
        return;
      }
      buttons.forEach((b) => (b.disabled = true));
      // Required at 初审 for 通过 only; at 复审 and 复核 whatever the reviewer chose goes with any decision.
      const wanted = form && (action === 'approve' || plan.level !== 'filler');
      const dispositions: Promise<DispositionInput[] | null> = wanted
        ? form.collect().then((d) => (Array.isArray(d) ? d : null))
        : Promise.resolve([]);
      dispositions.then((given) => {
        if (given === null) {
          buttons.forEach((b) => (b.disabled = false));
          return;
        }
        return send(item, action, reason, action === 'withhold' ? [] : given, action === 'override' ? marking : undefined).then(
          () => {
            dropDraft();
            done({ action, ok: true });
          },
          (failure: unknown) => {
            buttons.forEach((b) => (b.disabled = false));
            done({ action, ok: false, error: failure });
          },
        );
      }, (failure: unknown) => {
        buttons.forEach((b) => (b.disabled = false));
        done({ action, ok: false, error: failure });
      });
    });
  });
  return panel;
}
