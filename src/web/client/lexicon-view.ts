import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';
import { CATEGORY, label, SEVERITY } from './labels.js';
import { explainRefusal } from './refusals.js';
import type { Session } from './session.js';
import type { LexiconList, LexiconTerm } from './wire.js';

/** The server's term view also says how the term is matched (absent from an older server: substring). */
type TermView = LexiconTerm & { match?: 'substring' | 'word' };

const MATCH: Record<string, string> = {
  substring: '包含即命中',
  word: '按词匹配',
};

/** 词库管理 is for secrecy administrators (the server also limits changes to LEXICON_UNITS when set). */
export const mayManageLexicon = (session: Session): boolean => session.user.roles.includes('admin');

const FIELD_HELP: Record<string, string> = {
  term: '词条不符合要求：须为 1–64 个字符，且含有文字或数字。',
  category: '请选择类别。',
  severity: '请选择处置方式。',
  allow: '每个放行短语都必须包含该词条本身，例如词条“作战预案”的放行短语“消防作战预案”。',
  match: '请选择匹配方式。',
  note: '请写明加入词库的依据（例如定密依据或上级通知）。',
};

/** A refused change in plain Chinese, pointing at the field when the server names one. */
function explainLexiconRefusal(error: unknown): { text: string; field?: string } {
  if (error instanceof ApiError) {
    const field = error.body.field;
    if (error.status === 400 && field && FIELD_HELP[field]) return { text: FIELD_HELP[field], field };
    if (error.status === 409 && field === 'term') return { text: '该词条已在词库中（内置或自定义），无需重复添加。', field: 'term' };
    if (error.status === 409) return { text: '该词条已停用或已被他人修改，列表已刷新。' };
    if (error.status === 403) return { text: '只有指定单位的保密管理员可以修改词库，您的账号没有这项权限。' };
  }
  return { text: explainRefusal(error) };
}

function select(id: string, options: Record<string, string>, keys: string[]): HTMLSelectElement {
  return h('select', { attrs: { id, name: id } }, ...keys.map((key) => h('option', { attrs: { value: key } }, label(options, key))));
}

function customRow(term: TermView, deactivate: (term: LexiconTerm, button: HTMLButtonElement) => void): HTMLTableRowElement {
  const action = term.active
    ? (() => {
        const button = h('button', { className: 'button danger small', attrs: { type: 'button', 'data-action': 'deactivate' } }, '停用');
        button.addEventListener('click', () => deactivate(term, button));
        return button;
      })()
    : h('span', { className: 'muted' }, '已停用');
  return h('tr', { attrs: { 'data-term': term.term, 'data-active': String(term.active) } },
    h('td', null, term.term),
    h('td', null, label(CATEGORY, term.category)),
    h('td', null, label(SEVERITY, term.severity)),
    h('td', { attrs: { 'data-match': term.match ?? 'substring' } }, label(MATCH, term.match ?? 'substring')),
    h('td', null, term.allow.join('、') || '—'),
    h('td', null, term.note ?? ''),
    h('td', null, `${(term.createdBy ?? '').replace(/^user:/, '')}${term.createdAt ? ` · ${formatTime(term.createdAt)}` : ''}`),
    h('td', null, action));
}

/** 词库管理: the terms a secrecy administrator adds beside the shipped lexicon; every process scans with them from its next scan. */
export function showLexicon(main: HTMLElement): () => void {
  let stopped = false;
  const notice = h('p', { className: 'notice', attrs: { id: 'lexicon-notice', role: 'status', hidden: '' } });
  const summary = h('p', { className: 'muted', attrs: { id: 'lexicon-summary' } }, '正在载入词库…');
  const customBody = h('tbody');
  const shippedList = h('ul', { className: 'shipped-terms', attrs: { id: 'lexicon-shipped' } });

  const term = h('input', { attrs: { id: 'lexicon-term', name: 'term', maxlength: '64', autocomplete: 'off' } });
  const category = select('lexicon-category', CATEGORY, ['sensitive-term', 'classified-marking', 'internal-marking', 'process-info', 'personal-info']);
  const severity = select('lexicon-severity', SEVERITY, ['block', 'review', 'info']);
  const match = select('lexicon-match', MATCH, ['substring', 'word']);
  const allow = h('textarea', { attrs: { id: 'lexicon-allow', name: 'allow', rows: '2' } });
  const note = h('textarea', { attrs: { id: 'lexicon-note', name: 'note', rows: '2', maxlength: '1000' } });
  const fieldError = h('p', { className: 'field-error', attrs: { id: 'lexicon-error', role: 'alert' } });
  const inputs: Record<string, HTMLElement> = { term, category, severity, match, allow, note };
  const submit = h('button', { className: 'button primary', attrs: { type: 'submit', id: 'lexicon-add' } }, '添加词条');

  const show = (kind: 'success' | 'error', text: string) => {
    notice.className = `notice notice-${kind}`;
    notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    notice.textContent = text;
    notice.hidden = false;
  };
  const render = (list: LexiconList) => {
    const custom: TermView[] = list.terms.filter((t) => t.source === 'custom');
    const shipped: TermView[] = list.terms.filter((t) => t.source === 'default');
    summary.textContent = `内置词条 ${shipped.length} 条（只读），自定义词条 ${custom.filter((t) => t.active).length} 条在用、${custom.filter((t) => !t.active).length} 条已停用；词库修订号 ${list.revision}。`;
    customBody.replaceChildren(...(custom.length ? custom.map((t) => customRow(t, deactivate)) : [h('tr', null, h('td', { attrs: { colspan: '8' }, className: 'muted' }, '尚无自定义词条。'))]));
    shippedList.replaceChildren(
      ...shipped.map((t) => h('li', null, `${t.term}（${label(CATEGORY, t.category)}，${label(SEVERITY, t.severity)}${t.match === 'word' ? `，${MATCH.word}` : ''}）`)),
    );
  };
  const reload = () =>
    api.lexicon().then(
      (list) => !stopped && render(list),
      (error: unknown) => !stopped && show('error', explainRefusal(error)),
    );

  const deactivate = (t: LexiconTerm, button: HTMLButtonElement) => {
    button.disabled = true;
    api.deactivateTerm(t.id!).then(
      () => {
        show('success', `已停用词条“${t.term}”，各服务进程下一次扫描起不再使用。`);
        void reload();
      },
      (error: unknown) => {
        button.disabled = false;
        show('error', explainLexiconRefusal(error).text);
        void reload();
      },
    );
  };

  const form = h('form', { className: 'lexicon-form', attrs: { id: 'lexicon-form', novalidate: '' } },
    h('label', { attrs: { for: 'lexicon-term' } }, '词条'), term,
    h('div', { className: 'form-row' },
      h('div', null, h('label', { attrs: { for: 'lexicon-category' } }, '类别'), category),
      h('div', null, h('label', { attrs: { for: 'lexicon-severity' } }, '处置'), severity),
      h('div', null, h('label', { attrs: { for: 'lexicon-match' } }, '匹配方式'), match)),
    h('p', { className: 'hint' }, '“包含即命中”：文中出现这几个字就报（代号、专名用这种）；“按词匹配”：只在它作为独立的词出现时报，如“密电”不报“保密电话”，适合本身是常用词一部分的短词条。'),
    h('label', { attrs: { for: 'lexicon-allow' } }, '放行短语（可选，每行一个）'),
    h('p', { className: 'hint' }, '含有放行短语的命中不报，例如“作战预案”可放行“消防作战预案”。每个短语都必须包含词条本身。'),
    allow,
    h('label', { attrs: { for: 'lexicon-note' } }, '依据说明'),
    h('p', { className: 'hint' }, '必须填写，将记入审计记录。'),
    note, fieldError,
    h('div', { className: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
    fieldError.textContent = '';
    const entry = {
      term: term.value.trim(),
      category: category.value,
      severity: severity.value,
      match: match.value,
      allow: allow.value.split('\n').map((line) => line.trim()).filter(Boolean),
      note: note.value.trim(),
    };
    const missing = !entry.term ? 'term' : !entry.note ? 'note' : undefined;
    if (missing) {
      fieldError.textContent = missing === 'term' ? '请填写词条。' : FIELD_HELP.note;
      inputs[missing].setAttribute('aria-invalid', 'true');
      inputs[missing].focus();
      return;
    }
    submit.disabled = true;
    api.addTerm(entry).then(
      ({ term: added }: { term: TermView }) => {
        submit.disabled = false;
        form.reset();
        const how = added.match === 'word' ? `，${MATCH.word}` : '';
        show('success', `已添加词条“${added.term}”（${label(CATEGORY, added.category)}，${label(SEVERITY, added.severity)}${how}），各服务进程下一次扫描起生效。`);
        void reload();
      },
      (error: unknown) => {
        submit.disabled = false;
        const refusal = explainLexiconRefusal(error);
        fieldError.textContent = refusal.text;
        const input = refusal.field ? inputs[refusal.field] : undefined;
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
      },
    );
  });

  main.replaceChildren(
    h('section', { className: 'lexicon-page' },
      h('div', { className: 'page-head' }, h('h1', null, '词库管理')),
      notice,
      summary,
      h('div', { className: 'lexicon-layout' },
        h('section', { className: 'report-block', attrs: { 'aria-labelledby': 'lexicon-add-title' } }, h('h2', { attrs: { id: 'lexicon-add-title' } }, '添加词条'), form),
        h('section', { className: 'report-block', attrs: { 'aria-labelledby': 'lexicon-custom-title' } },
          h('h2', { attrs: { id: 'lexicon-custom-title' } }, '自定义词条'),
          h('div', { className: 'table-frame' },
            h('table', { className: 'figures lexicon-table', attrs: { id: 'lexicon-custom' } },
              h('thead', null, h('tr', null, ...['词条', '类别', '处置', '匹配', '放行短语', '依据', '添加人', '操作'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
              customBody)),
          h('details', { className: 'shipped' }, h('summary', null, '内置词条（随系统发布，只读）'), shippedList)))));
  void reload();
  return () => {
    stopped = true;
  };
}
