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
// Typed for ★ by people without it on the keyboard; only with a period after it, which ▲ alone would not say.
const WEAK_STAR = '[▲△◆◇■□●○]';
const AFTER_LEVEL = new RegExp(`${LEVEL}级?\\s*(${CLOSE})?\\s*(${STAR}|${WEAK_STAR}(?=\\s*${PERIOD}))?\\s*(${PERIOD})?`, 'y');
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

// The document as the subject of its sentence: 本文件, 此件, 本通知, 本纪要内容, 该材料.
const DOC_NOUN =
  '(?:文件|文|件|通知|报告|请示|方案|纪要|材料|资料|函|意见|决定|批复|通报|简报|讲话稿?|附件|清单|名单|电报|规划|计划|预案|试卷|试题|题本|汇报|记录|表|稿)';
const SELF_SUBJECT = new RegExp(`^[\\s(（【\\[]*(?:(?:注|说明|备注)[:：]\\s*)?(本|此|该)(?:份|项)?${DOC_NOUN}`);
// What joins the subject to the level right before it: 为, 属于, 定为, 列为, 密级为, 密级确定为, 按…管理.
const DECLARING = /(?:密\s*级(?:确定|核定|定)?(?:为|是|[:：])|(?:确定|核定|定|列|划|认定)为|属于|属|为|系|是|按照?|作为)\s*$/;
// …and the level ends its clause: 本报告为秘密级事项的统计分析 describes its subject, not its level.
// 本材料涉及国家秘密: a state secret of no stated level (the maximum, as for a level without a period).
const DECLARING_SECRET = /(?:属于|属|为|系|是|涉及|含有|包含|含)\s*$/;
const DECLARATION_END = /^级?\s*(?:文件|国家秘密|事项|件|材料|资料)?\s*(?:管理|保管)?\s*(?:[,，.。;；:：、)）\]】]|\r?\n|$)/;
// Not a declaration of the text's own standing level: negated or a former level (before it), declassified (after).
const NOT_DECLARED = /不|未|非|无|没有|原/;
const DECLASSIFIED = /解密|解除|已过/;
// 该文件 is the text itself only when nobody is reporting on it (经查，该文件为机密级 speaks of another document).
const REPORTED = /经(?:查|鉴定|审查|核实|核查|审核|认定)|发现|显示|认定|鉴定|据/;
const SENTENCE_END = /[。！？!?；;\n]/;
const SENTENCE_REACH = 60;

/**
 * The document naming its own level in words: 本文件为秘密级, 此件属机密, 该材料属机密级, 本通知定为绝密级国家秘密,
 * 本材料涉及国家秘密，密级为机密 (the subject in an earlier clause of the sentence), 按机密级文件管理.
 * Returns where the declaration starts, or -1.
 */
function selfDeclared(text: string, start: number, levelEnd: number, declaring = DECLARING): number {
  if (!declaring.test(text.slice(Math.max(0, start - 8), start))) return -1;
  if (!DECLARATION_END.test(text.slice(levelEnd, levelEnd + 10))) return -1;
  let from = start;
  while (from > 0 && start - from < SENTENCE_REACH && !SENTENCE_END.test(text[from - 1])) from--;
  if (from > 0 && !SENTENCE_END.test(text[from - 1])) return -1;
  let to = levelEnd;
  while (to < text.length && to - levelEnd < SENTENCE_REACH && !SENTENCE_END.test(text[to])) to++;
  const before = text.slice(from, start);
  const subject = SELF_SUBJECT.exec(before);
  if (!subject) return -1;
  if (NOT_DECLARED.test(before.slice(subject[0].length)) || DECLASSIFIED.test(text.slice(levelEnd, to))) return -1;
  // 该 points back: only a note heading its own line (该文件定为秘密级，…) speaks of the text itself; mid-paragraph,
  // after another sentence, it is a report on some other document (…带回家。该文件为秘密级).
  if (subject[1] === '该' && (REPORTED.test(before) || (from > 0 && text[from - 1] !== '\n'))) return -1;
  return from + subject[0].indexOf(subject[1]);
}

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
  version: 4,
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
    if (keyword === '秘密' && text.slice(start - 2, start) === '国家') {
      const self = selfDeclared(text, start - 2, start + 2, DECLARING_SECRET);
      return self < 0 ? undefined : { start: self, end: start + 2, reason: '文件自述涉及国家秘密，不得公开。' };
    }
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
    const self = selfDeclared(text, start, levelEnd);
    if (self >= 0) {
      return { start: self, end: levelEnd, reason: `文件自述密级“${text.slice(start, levelEnd)}”，属于国家秘密，不得公开。` };
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
