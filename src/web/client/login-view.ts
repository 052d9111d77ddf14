import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { takeFlash } from './flash.js';
import { startSession } from './session.js';

/** Sign-in form; on success the router takes over with the new session. */
export function showLogin(main: HTMLElement, signedIn: () => void): void {
  const flash = takeFlash();
  const username = h('input', { attrs: { id: 'username', name: 'username', autocomplete: 'username', required: '', maxlength: '100' } });
  const password = h('input', { attrs: { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '', maxlength: '200' } });
  const message = h('p', { className: 'form-error', attrs: { role: 'alert', id: 'login-error' } });
  const submit = h('button', { className: 'button primary wide', attrs: { type: 'submit' } }, '登录');
  const form = h('form', { className: 'login-form', attrs: { novalidate: '' } },
    h('h1', null, '登录'),
    h('p', { className: 'muted' }, '请使用本单位分配的审核账号登录。'),
    flash ? h('p', { className: `notice notice-${flash.kind}`, attrs: { role: 'status' } }, flash.text) : null,
    h('label', { attrs: { for: 'username' } }, '用户名'), username,
    h('label', { attrs: { for: 'password' } }, '密码'), password,
    message,
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!username.value.trim() || !password.value) {
      message.textContent = '请输入用户名和密码。';
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    message.textContent = '';
    api.login(username.value.trim(), password.value).then(
      (answer) => {
        startSession(answer);
        signedIn();
      },
      (error: unknown) => {
        submit.disabled = false;
        password.value = '';
        password.focus();
        message.textContent = loginRefusal(error);
      },
    );
  });
  main.replaceChildren(h('section', { className: 'login-page' }, form, h('p', { className: 'login-footnote muted' }, '涉密不上网，上网不涉密。谁提供、谁审核、谁负责。')));
  username.focus();
}

function loginRefusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return '用户名或密码错误。';
  if (error instanceof ApiError && error.status === 429) return `登录失败次数过多，请 ${error.retryAfter ?? 60} 秒后再试。`;
  if (error instanceof ApiError && error.status === 400) return '请输入用户名和密码。';
  return '暂时无法登录，请稍后重试。';
}
