import { call } from './api.js';
import { h, setText } from './dom.js';
import { formatTime } from './format.js';
import { label, LEVEL } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { ClaimHolder, ItemDetail } from './wire.js';

interface ClaimAnswer {
  claim: ClaimHolder | null;
  due: { level: string; dueAt: string; overdue: boolean } | null;
}

const LEVEL_OF: Record<string, string> = { awaiting_filler: 'filler', awaiting_leader: 'leader', awaiting_chief: 'chief' };
const CLAIM_MINUTES = 30;

const claimPath = (id: string) => `/api/v1/items/${encodeURIComponent(id)}/claim`;
const holderName = (c: ClaimHolder) => (c.displayName ? `${c.displayName}（${c.username}）` : c.username);

/**
 * 认领 on the item page: who holds the item at its level and until when, and when the level is due. A reviewer of
 * that level claims it for 30 minutes (again to renew) or releases it; a secrecy administrator may clear another's
 * claim. Shown only while the item awaits a review level. `changed` runs after a claim or release, e.g. to reload.
 */
export function claimPanel(item: ItemDetail, session: Session, changed: () => void = () => undefined): HTMLElement | null {
  const level = LEVEL_OF[item.state];
  if (!level) return null;
  const mine = session.user.roles.includes(level);
  const admin = session.user.roles.includes('admin');
  const status = h('p', { attrs: { id: 'claim-status', 'aria-live': 'polite' } }, '正在查询认领情况…');
  const due = h('p', { className: 'muted', attrs: { id: 'claim-due' } });
  const error = h('p', { className: 'field-error', attrs: { id: 'claim-error', role: 'alert' } });
  const claimButton = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'claim-button', hidden: '' } }, '认领');
  const releaseButton = h('button', { className: 'button secondary', attrs: { type: 'button', id: 'claim-release', hidden: '' } }, '释放');

  const show = (answer: ClaimAnswer) => {
    const claim = answer.claim;
    const held = claim !== null;
    const own = held && claim.username === session.user.username;
    if (!claim) setText(status, `暂无人认领。认领后 ${CLAIM_MINUTES} 分钟内，同一环节的其他审核人不能作出决定。`);
    else if (own) setText(status, `您已认领本稿件（${label(LEVEL, claim.level)}），至 ${formatTime(claim.expiresAt)}。`);
    else setText(status, `${holderName(claim)} 已认领本稿件（${label(LEVEL, claim.level)}），至 ${formatTime(claim.expiresAt)}；在此之前您不能作出决定。`);
    setText(due, answer.due ? `${label(LEVEL, answer.due.level)}办理时限：${formatTime(answer.due.dueAt)}${answer.due.overdue ? '（已超期）' : ''}` : '');
    due.classList.toggle('overdue', answer.due?.overdue === true);
    claimButton.hidden = !mine || (held && !own);
    setText(claimButton, own ? `续期 ${CLAIM_MINUTES} 分钟` : '认领');
    releaseButton.hidden = !(own || (held && admin));
    setText(releaseButton, own ? '释放' : '清除认领');
  };

  const load = () =>
    call<ClaimAnswer>('GET', claimPath(item.id)).then(show, (failure: unknown) => setText(status, `无法查询认领情况：${explainRefusal(failure)}`));

  const act = (method: 'POST' | 'DELETE', button: HTMLButtonElement) => {
    button.disabled = true;
    error.textContent = '';
    call<unknown>(method, claimPath(item.id), method === 'POST' ? { minutes: CLAIM_MINUTES } : undefined)
      .then(() => load().then(changed), (failure: unknown) => {
        error.textContent = explainRefusal(failure);
        void load();
      })
      .finally(() => {
        button.disabled = false;
      });
  };
  claimButton.addEventListener('click', () => act('POST', claimButton));
  releaseButton.addEventListener('click', () => act('DELETE', releaseButton));
  void load();

  return h('section', { className: 'side-section claim', attrs: { id: 'claim', 'aria-labelledby': 'claim-title' } },
    h('h2', { attrs: { id: 'claim-title' } }, '认领'),
    status,
    due,
    error,
    h('div', { className: 'actions' }, claimButton, releaseButton));
}
