import type { Finding, KeywordRule, RuleContext } from './rule';

const LEVEL = '(?:绝密|机密|秘密)';
const STAR = '[★☆*✩✪✫✬✭✮✯✰⭐⋆]';
const OPEN = '[\\[【(〔「『《<]';
const CLOSE = '[\\]】)〕」』》>]';
const NUM_CN = '[一二三四五六七八九十两]{1,3}';
const PERIOD =
  '(?:长期|永久|\\d{4}\\s*年\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?(?:前|止|以前)?|\\d{4}\\s*年(?:底|前)?' +
  '|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,3}\\s*个?\\s*(?:年|月|日|天)|' +
  NUM_CN +
  '个?(?:年|月)|[\\u4e00-\\u9fff]{1,12}?(?:前|后))';

// Applied at a level word: optional closing bracket, star, period.
const AFTER_LEVEL = new RegExp(`${LEVEL}级?\\s*(${CLOSE})?\\s*(${STAR})?\\s*(${PERIOD})?`, 'y');
// Applied at 密级: the declared level, then whatever marking follows it.
const DECLARED = new RegExp(`密\\s*级\\s*(?:[:：|]|为|是)?\\s*${OPEN}?\\s*${LEVEL}级?(?:\\s*${CLOSE})?(?:\\s*${STAR})?(?:\\s*${PERIOD})?`, 'y');
const LINE_END = /[ \t]*(?:\r?\n|$)/y;
const STAR_IN_SOURCE = /[★☆*＊✩✪✫✬✭✮✯✰⭐⋆※]/;

const LEVEL_WORD = /^(?:绝密|机密|秘密)/;
const LEVEL_WORD_END = /(?:绝密|机密|秘密)级?$/;
// What may stand between the items of an enumeration of levels: "绝密、机密、秘密", one per line, "|".
const LIST_GAP = /^[\s、，,；;|/和与及或“”"'‘’()[\]【】〔〕]{1,4}/;
const LIST_GAP_END = /[\s、，,；;|/和与及或“”"'‘’()[\]【】〔〕]{1,4}$/;

/**
 * The three levels listed one after another (a law article, a training slide: "绝密\n机密\n秘密") name the
 * levels; a document carries one marking, so a level next to another level is not a marking.
 */
function inListOfLevels(text: string, levelStart: number, levelEnd: number): boolean {
  const ahead = LIST_GAP.exec(text.slice(levelEnd, levelEnd + 6));
  if (ahead && LEVEL_WORD.test(text.slice(levelEnd + ahead[0].length, levelEnd + ahead[0].length + 2))) return true;
  const back = text.slice(Math.max(0, levelStart - 9), levelStart);
  const gap = LIST_GAP_END.exec(back);
  return !!gap && LEVEL_WORD_END.test(back.slice(0, back.length - gap[0].length));
}

// The document naming its own level: 本文件为秘密级, 此件属机密, 本通知定为绝密级. (该文件… reports another document.)
const SELF_DECLARED =
  /(?:本|此)(?:文件|文|件|通知|报告|请示|方案|纪要|材料|资料|函|意见|决定|批复|通报|简报|讲话稿?|附件|清单|名单|电报|规划|计划|预案|试卷|试题|题本|汇报|记录|表)(?:的?密级)?(?:为|属|属于|系|定为|列为|是)\s*$/;
// …and the sentence ends there: 本报告为秘密级事项的统计分析 describes its subject, not its level.
const DECLARATION_END = /^级?\s*(?:文件|国家秘密|事项)?\s*(?:[,，.。;；:：、)）\]】]|\r?\n|$)/;

const BRACKET_PAIRS: Record<string, string> = { '[': ']', '【': '】', '(': ')', '〔': '〕', '［': '］', '（': '）' };

function lineStartBefore(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text[k];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r' && !/[[【(〔「『《<]/.test(c)) return false;
  }
  return true;
}

/** 国家秘密标志: level ★ period (or date, or condition), `密级：level`, or a level alone on its own line. */
export const classifiedMarkingRule: KeywordRule = {
  kind: 'keyword',
  id: 'classified-marking',
  category: 'classified-marking',
  severity: 'block',
  version: 3,
  keywords: ['绝密', '机密', '秘密', '密级'],

  match(ctx: RuleContext, keyword: string, start: number): Finding | undefined {
    const text = ctx.doc.text;
    if (keyword === '密级') {
      // 原密级：秘密 in a declassification notice reports the former level of another document.
      if (text[start - 1] === '原') return undefined;
      DECLARED.lastIndex = start;
      const m = DECLARED.exec(text);
      if (!m) return undefined;
      const lv = /(?:绝密|机密|秘密)级?/.exec(m[0])!;
      const lvEnd = start + lv.index + lv[0].length;
      if (m[0].length === lv.index + lv[0].length && inListOfLevels(text, lvEnd - lv[0].length, lvEnd)) return undefined;
      // "密级为机密" declares a level only when the document speaks of itself (本件密级为机密); elsewhere it
      // reports another document's level (判决书: 涉案文件密级为机密) or states a rule (密级为绝密的国家秘密).
      if (/^密\s*级\s*(?:为|是)/.test(m[0])) {
        if (!/(?:本|此)[\u4e00-\u9fff]{0,3}$/.test(text.slice(Math.max(0, start - 4), start))) return undefined;
        if (/^\s*(?:级)?\s*(?:的|或|、)/.test(text.slice(lvEnd, lvEnd + 3))) return undefined;
      }
      return { start, end: start + m[0].length, reason: '文中标注了密级，属于国家秘密标志，不得公开。' };
    }
    // 工作秘密 and 商业秘密 are not state secrets (the first is an internal marking).
    if (keyword === '秘密' && /工作|商业/.test(text.slice(start - 2, start))) return undefined;
    AFTER_LEVEL.lastIndex = start;
    const m = AFTER_LEVEL.exec(text);
    if (!m) return undefined;
    const [whole, close, star, period] = m;
    const from = start > 0 && /[[【(〔「『《<]/.test(text[start - 1]) ? start - 1 : start;
    let end = start + whole.length;
    // Trailing spaces are not part of the marking.
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (star) {
      return { start: from, end, reason: `“${whole.trim()}”是国家秘密标志（密级★保密期限），不得公开。` };
    }
    const periodAt = start + whole.length - (period?.length ?? 0);
    if (period && ctx.sourceBetweenHas(start + 2, periodAt, STAR_IN_SOURCE)) {
      return { start: from, end, reason: `“${whole.trim()}”是国家秘密标志（密级★保密期限），不得公开。` };
    }
    // A level word alone on its line (document header) is a marking with the maximum period.
    const levelEnd = start + 2 + (text[start + 2] === '级' ? 1 : 0);
    if (inListOfLevels(text, start, levelEnd)) return undefined;
    const self = SELF_DECLARED.exec(text.slice(Math.max(0, start - 12), start));
    if (self && DECLARATION_END.test(text.slice(start + 2, start + 10))) {
      return { start: start - self[0].length, end: levelEnd, reason: `文件自述密级“${text.slice(start, levelEnd)}”，属于国家秘密，不得公开。` };
    }
    // A level word in brackets of its own — 【机密】, （秘密）, [绝密] — after a title or on a header line.
    const open = text.slice(Math.max(0, start - 2), start).replace(/\s+$/, '');
    const closeWanted = BRACKET_PAIRS[open[open.length - 1]];
    if (closeWanted) {
      const rest = /^\s*(\S)/.exec(text.slice(levelEnd, levelEnd + 3));
      const to = levelEnd + (rest?.[0].length ?? 0);
      LINE_END.lastIndex = to;
      if (rest && rest[1] === closeWanted && (lineStartBefore(text, start - 1) || LINE_END.test(text))) {
        return { start: from, end: to, reason: `“${text.slice(from, to)}”是标在标题或文首的密级标志，不得公开。` };
      }
    }
    let after = levelEnd;
    if (close) after = text.indexOf(close, levelEnd) + 1;
    LINE_END.lastIndex = after;
    if (lineStartBefore(text, start) && LINE_END.test(text)) {
      return { start: from, end: after, reason: `“${text.slice(from, after)}”单独成行，是文件的密级标志，不得公开。` };
    }
    return undefined;
  },
};
