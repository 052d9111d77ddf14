import { api } from './api.js';
import { h } from './dom.js';
import { CHANNEL, label, STATE } from './labels.js';
import type { Session } from './session.js';
import type { ItemDetail, RecallAnswer } from './wire.js';

/** States from which 撤稿 is possible, and who may do it (mirrors assertMayRecall in libs/workflow). */
const RECALLABLE = ['publishing', 'published'];
const RECALLERS = ['leader', 'chief', 'admin'];

export type RecallOutcome = { ok: true; answer: RecallAnswer } | { ok: false; error: unknown };

export function mayRecall(item: ItemDetail, session: Session): boolean {
  return RECALLABLE.includes(item.state) && session.user.roles.some((role) => RECALLERS.includes(role));
}

/**
 * 撤稿 after release: a written reason, checked here and again by the server, then a second,
 * explicit confirmation naming the channels — a recall cannot be undone.
 */
export function recallPanel(item: ItemDetail, done: (outcome: RecallOutcome) => void): HTMLElement {
  const comment = h('textarea', { attrs: { id: 'recall-comment', rows: '3', maxlength: '4000', 'aria-describedby': 'recall-hint recall-error' } });
  const error = h('p', { className: 'field-error', attrs: { id: 'recall-error', role: 'alert' } });
  const button = h('button', { className: 'button danger', attrs: { type: 'button', id: 'recall-button' } }, '撤稿…');
  const channels = item.channels.map((c) => label(CHANNEL, c)).join('、') || '各发布渠道';
  const confirmButton = h('button', { className: 'button danger', attrs: { type: 'button', id: 'recall-confirm' } }, '确认撤稿');
  const cancelButton = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'recall-cancel' } }, '取消');
  const confirmText = h('p', { className: 'confirm-text', attrs: { id: 'recall-confirm-text', role: 'alert' } });
  const confirmBox = h('div', { className: 'confirm', attrs: { id: 'recall-confirm-box', hidden: '' } }, confirmText, h('div', { className: 'actions' }, confirmButton, cancelButton));

  const setConfirming = (on: boolean) => {
    confirmBox.hidden = !on;
    button.hidden = on;
    comment.readOnly = on;
    if (!on) confirmText.textContent = '';
  };
  button.addEventListener('click', () => {
    const reason = comment.value.trim();
    if (!reason) {
      error.textContent = '撤稿必须填写理由，请说明原因。';
      comment.setAttribute('aria-invalid', 'true');
      comment.focus();
      return;
    }
    error.textContent = '';
    comment.removeAttribute('aria-invalid');
    confirmText.textContent = `确认撤稿？将通知${channels}下架本稿件，此操作不可撤销。`;
    setConfirming(true);
    // The safe choice takes the focus, so a second Enter does not recall by accident.
    cancelButton.focus();
  });
  cancelButton.addEventListener('click', () => {
    setConfirming(false);
    button.focus();
  });
  confirmButton.addEventListener('click', () => {
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    api.recall(item.id, comment.value.trim()).then(
      (answer) => done({ ok: true, answer }),
      (failure: unknown) => {
        confirmButton.disabled = false;
        cancelButton.disabled = false;
        setConfirming(false);
        done({ ok: false, error: failure });
      },
    );
  });
  return h('section', { className: 'side-section decide decide-admin', attrs: { id: 'recall', 'aria-labelledby': 'recall-title' } },
    h('h2', { attrs: { id: 'recall-title' } }, '撤稿'),
    h('p', { className: 'muted' }, `当前状态：${label(STATE, item.state)}。撤稿后将通知${channels}下架本稿件，并回告内容管理系统；此操作不可撤销。`),
    h('label', { attrs: { for: 'recall-comment' } }, '撤稿理由'),
    h('p', { className: 'hint', attrs: { id: 'recall-hint' } }, '必须填写，理由将记入审计记录。'),
    comment,
    error,
    h('div', { className: 'actions' }, button),
    confirmBox);
}
