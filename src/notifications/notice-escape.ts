/**
 * Submitted text (titles, reasons) inside a mail or robot message must stay text: it must not become a link,
 * a heading, a mention of everyone or markup. Each sender escapes for its own format.
 */

/** HTML text and attribute values (mail bodies). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Markdown of WeCom and DingTalk robots: every punctuation character that markdown gives meaning to is
 * backslash-escaped, `<` and `>` become their full-width look-alikes (both render a subset of HTML, such as
 * `<font>` and `<@userid>` mentions, and neither honours HTML entities everywhere), line breaks become spaces
 * (a title cannot start a heading or a quote on a line of its own), and `@` gets a zero-width joiner so a
 * title cannot mention people.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/@/g, '@\u200d');
}

/** Plain text of a robot's text message: one line per field, no mentions. */
export function escapePlain(text: string): string {
  return oneLine(text).replace(/</g, '＜').replace(/>/g, '＞').replace(/@/g, '@\u200d');
}

/** Control characters and line breaks collapse to one space. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
}
