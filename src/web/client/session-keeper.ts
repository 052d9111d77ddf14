import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { currentSession, endSession, Session, startSession } from './session.js';

/** Activity renews the token at most this often; an idle page is warned this long before its token expires. */
const RENEW_EVERY_MS = 60_000;
const WARN_BEFORE_MS = 120_000;
const ACTIVITY = ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart'] as const;

function clock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Keeps the signed-in session alive while the reviewer works: activity renews the token (POST /auth/refresh)
 * before it expires; an idle page gets a banner with 继续 before expiry; at expiry the page signs out (typed
 * opinions stay, see draft-store.ts). Near the session's cap no renewal helps: the banner says so.
 * Returns the function that stops it (on sign-out or the next route).
 */
export function keepSession(start: Session, onExpired: () => void): () => void {
  let session = start;
  let renewing = false;
  let stopped = false;
  const timers: number[] = [];
  let ticker: number | undefined;
  const banner = h('div', { className: 'session-warning', attrs: { id: 'session-warning', role: 'alert', hidden: '' } });
  document.body.appendChild(banner);

  const atCap = () => session.endsAt !== undefined && session.endsAt - session.expiresAt < 1000;
  const hide = () => {
    banner.hidden = true;
    window.clearInterval(ticker);
  };
  const renew = (): void => {
    if (renewing || stopped || atCap()) return;
    renewing = true;
    api.refresh().then(
      (answer) => {
        renewing = false;
        if (stopped) return;
        session = startSession(answer);
        hide();
        schedule();
      },
      (error: unknown) => {
        renewing = false;
        // A 401 has signed the page out already (api.ts); anything else may pass: the banner offers 继续 again.
        if (!stopped && !(error instanceof ApiError && error.status === 401)) show('续期失败，请检查网络后重试。');
      },
    );
  };
  const show = (problem?: string): void => {
    const text = h('span', { attrs: { id: 'session-warning-text' } });
    const update = () => {
      const left = clock(session.expiresAt - Date.now());
      text.textContent = atCap()
        ? `本次登录已达最长时限，将在 ${left} 后结束。已填写的审核意见会保留，届时重新登录即可继续。`
        : `${problem ? `${problem} ` : ''}长时间未操作，登录将在 ${left} 后过期。`;
    };
    update();
    const keep = atCap() ? null : h('button', { className: 'button primary', attrs: { type: 'button', id: 'session-continue' } }, '继续');
    keep?.addEventListener('click', renew);
    banner.replaceChildren(text, ...(keep ? [keep] : []));
    banner.hidden = false;
    window.clearInterval(ticker);
    ticker = window.setInterval(update, 1000);
  };
  const expire = (): void => {
    stop();
    endSession();
    onExpired();
  };
  const schedule = (): void => {
    for (const timer of timers.splice(0)) window.clearTimeout(timer);
    const left = session.expiresAt - Date.now();
    timers.push(window.setTimeout(() => show(), Math.max(0, left - Math.min(WARN_BEFORE_MS, left / 2))));
    timers.push(window.setTimeout(expire, Math.max(0, left)));
  };
  const onActivity = (): void => {
    // A refused request may have ended the session meanwhile (api.ts): follow what is stored.
    const stored = currentSession();
    if (!stored) return;
    if (stored.token !== session.token) {
      session = stored;
      schedule();
    }
    if (Date.now() - (session.issuedAt ?? 0) >= RENEW_EVERY_MS) renew();
  };
  function stop(): void {
    stopped = true;
    for (const timer of timers.splice(0)) window.clearTimeout(timer);
    hide();
    banner.remove();
    for (const type of ACTIVITY) document.removeEventListener(type, onActivity, true);
  }

  for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
  schedule();
  return stop;
}
