import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { label, ROLE } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { AccountView } from './wire.js';

/** The same rules the server applies (password-rules.ts), in the words the page shows. */
function rulesOf(rules: AccountView['passwordRules']): string[] {
  return [`至少 ${rules.minLength} 个字符，最多 ${rules.maxLength} 个`, '字母、数字、其他符号中至少两类', '不能与用户名相同', '不能与当前密码相同'];
}

/** Why the server refused the new password, in Chinese; the English message only picks the sentence. */
function passwordRefusal(error: unknown): { text: string; field?: 'current' | 'next' } {
  if (error instanceof ApiError) {
    const message = error.body.message ?? '';
    if (error.status === 422 && error.body.field === 'currentPassword') return { text: '当前密码不正确。', field: 'current' };
    if (error.status === 422 && error.body.field === 'newPassword') {
      if (/at least \d+ characters/.test(message)) return { text: '新密码太短。', field: 'next' };
      if (/at most/.test(message)) return { text: '新密码太长。', field: 'next' };
      if (/two of letters/.test(message)) return { text: '新密码须包含字母、数字、其他符号中的至少两类。', field: 'next' };
      if (/username/.test(message)) return { text: '新密码不能与用户名相同。', field: 'next' };
      if (/differ/.test(message)) return { text: '新密码不能与当前密码相同。', field: 'next' };
      return { text: '新密码不符合要求。', field: 'next' };
    }
    if (error.status === 429) return { text: `密码错误次数过多，请 ${error.retryAfter ?? 60} 秒后再试。` };
    if (error.status === 409) return { text: '密码刚被他人（如管理员）修改，请重新登录。' };
  }
  return { text: explainRefusal(error) };
}

function field(id: string, text: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('div', { className: 'account-field' }, h('label', { attrs: { for: id } }, text), input, hint ? h('p', { className: 'hint', attrs: { id: `${id}-hint` } }, hint) : null);
}

/** 账户设置: who I am (name, unit, roles), my e-mail for notifications, and my password. */
export function showAccount(main: HTMLElement, session: Session): () => void {
  let stopped = false;
  const details = h('dl', { className: 'account-details', attrs: { id: 'account-details' } });
  const notice = h('p', { className: 'notice notice-success', attrs: { id: 'account-notice', role: 'status', hidden: '' } });

  const current = h('input', { attrs: { id: 'current-password', type: 'password', autocomplete: 'current-password', maxlength: '256', required: '' } });
  const next = h('input', { attrs: { id: 'new-password', type: 'password', autocomplete: 'new-password', maxlength: '256', required: '', 'aria-describedby': 'password-rules' } });
  const again = h('input', { attrs: { id: 'new-password-again', type: 'password', autocomplete: 'new-password', maxlength: '256', required: '' } });
  const rules = h('ul', { className: 'password-rules', attrs: { id: 'password-rules' } });
  const passwordError = h('p', { className: 'field-error', attrs: { id: 'password-error', role: 'alert' } });
  const passwordSubmit = h('button', { className: 'button primary', attrs: { type: 'submit', id: 'password-submit' } }, '修改密码');
  const passwordForm = h('form', { className: 'account-form', attrs: { id: 'password-form', novalidate: '' } },
    h('h2', null, '修改密码'),
    h('p', { className: 'muted' }, '修改后，您在其他浏览器或设备上的登录将全部退出；本页保持登录。'),
    field('current-password', '当前密码', current),
    field('new-password', '新密码', next),
    h('p', { className: 'hint' }, '新密码须满足：'), rules,
    field('new-password-again', '再次输入新密码', again),
    passwordError, passwordSubmit);

  const email = h('input', { attrs: { id: 'account-email', type: 'email', autocomplete: 'email', maxlength: '320', placeholder: 'name@example.gov.cn' } });
  const emailError = h('p', { className: 'field-error', attrs: { id: 'email-error', role: 'alert' } });
  const emailSubmit = h('button', { className: 'button secondary', attrs: { type: 'submit', id: 'email-submit' } }, '保存邮箱');
  const emailForm = h('form', { className: 'account-form', attrs: { id: 'email-form', novalidate: '' } },
    h('h2', null, '通知邮箱'),
    field('account-email', '电子邮箱', email, '待审提醒、超时提醒发送到这里；留空则不发邮件。'),
    emailError, emailSubmit);

  const invalid = (input: HTMLInputElement | null) => {
    for (const each of [current, next, again, email]) each.removeAttribute('aria-invalid');
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  };
  const say = (text: string) => {
    notice.textContent = text;
    notice.hidden = false;
  };

  const render = (account: AccountView) => {
    const pair = (term: string, value: string, id: string) => [h('dt', null, term), h('dd', { attrs: { id } }, value)];
    details.replaceChildren(
      ...pair('姓名', account.displayName ?? '（未登记）', 'account-name'),
      ...pair('用户名', account.username, 'account-username'),
      ...pair('单位', `${account.unit.name}（${account.unit.code}）`, 'account-unit'),
      ...pair('角色', account.roles.map((r) => label(ROLE, r)).join('、'), 'account-roles'),
      ...pair('账号创建于', formatTime(account.createdAt), 'account-created'));
    rules.replaceChildren(...rulesOf(account.passwordRules).map((rule) => h('li', null, rule)));
    email.value = account.email ?? '';
  };

  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    passwordError.textContent = '';
    notice.hidden = true;
    const missing = !current.value ? { text: '请输入当前密码。', input: current } : !next.value ? { text: '请输入新密码。', input: next }
      : next.value !== again.value ? { text: '两次输入的新密码不一致。', input: again } : null;
    invalid(missing?.input ?? null);
    if (missing) {
      passwordError.textContent = missing.text;
      return;
    }
    passwordSubmit.disabled = true;
    api.changePassword(current.value, next.value).then(
      ({ endedSessions }) => {
        passwordSubmit.disabled = false;
        if (stopped) return;
        for (const each of [current, next, again]) each.value = '';
        say(endedSessions > 0 ? `密码已修改，其他 ${endedSessions} 处登录已退出。` : '密码已修改。');
      },
      (error: unknown) => {
        passwordSubmit.disabled = false;
        if (stopped) return;
        const refusal = passwordRefusal(error);
        passwordError.textContent = refusal.text;
        invalid(refusal.field === 'current' ? current : refusal.field === 'next' ? next : null);
        if (refusal.field === 'current') current.select();
      },
    );
  });

  emailForm.addEventListener('submit', (event) => {
    event.preventDefault();
    emailError.textContent = '';
    notice.hidden = true;
    invalid(null);
    emailSubmit.disabled = true;
    api.updateAccount({ email: email.value.trim() || null }).then(
      (account) => {
        emailSubmit.disabled = false;
        if (stopped) return;
        render(account);
        say(account.email ? `通知邮箱已保存：${account.email}` : '已清除通知邮箱。');
      },
      (error: unknown) => {
        emailSubmit.disabled = false;
        if (stopped) return;
        const bad = error instanceof ApiError && error.status === 422 && error.body.field === 'email';
        emailError.textContent = bad ? '邮箱地址格式不正确，例如 zhang@example.gov.cn。' : explainRefusal(error);
        if (bad) invalid(email);
      },
    );
  });

  main.replaceChildren(h('section', { className: 'account-page', attrs: { id: 'account' } },
    h('h1', null, '账户设置'), notice, details, h('div', { className: 'account-forms' }, passwordForm, emailForm)));
  details.append(h('dd', { className: 'muted' }, `正在载入 ${session.user.username} 的账户信息…`));
  api.account().then(
    (account) => !stopped && render(account),
    (error: unknown) => {
      if (!stopped) details.replaceChildren(h('p', { className: 'notice notice-error' }, explainRefusal(error)));
    },
  );
  return () => {
    stopped = true;
  };
}
