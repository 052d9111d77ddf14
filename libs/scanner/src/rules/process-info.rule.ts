import type { Finding, KeywordRule, RuleContext } from './rule';

const DRAFTS: Record<string, string> = {
  征求意见稿: '征求意见稿',
  讨论稿: '讨论稿',
  内部讨论稿: '内部讨论稿',
  送审稿: '送审稿',
  审议稿: '审议稿',
  修改稿: '修改稿',
  代拟稿: '代拟稿',
  未定稿: '未定稿',
  初稿: '初稿',
  草稿: '草稿',
  '会议纪要(内部)': '内部会议纪要',
  内部会议纪要: '内部会议纪要',
};
/** A 请示 (a request to a superior for instructions) is process information until the superior decides. */
const REQUEST_TITLE = '的请示';
const REQUEST_CLOSINGS = ['妥否', '当否', '如无不妥', '如无不当'];
/** Closings that end a 请示 by themselves. */
const REQUEST_ENDS = ['特此请示'];
/** The handling notes of a 呈批件 (拟办意见：拟同意…): an internal step of the office's work. */
const HANDLING_NOTES = ['拟办意见', '批办意见'];
/** A numbered draft: （第三稿）, （二稿）, (第2稿). */
const NUMBERED_DRAFT = /[(（【[]\s*第?\s*[一二三四五六七八九十\d]{1,3}\s*稿$/;

// A draft put out for public comment is published on purpose.
const PUBLIC_CONSULTATION = /公开征求|向社会(?:各界)?(?:公开)?征求|面向社会征求|社会公众意见|公开向社会/;
// A report on the drafting (形成了送审稿, 起草初稿): the text tells of a draft, it does not carry one.
const REPORTED = /(?:(?:形成|起草|拟定|草拟|完成|修改|编制|提出|提交|审议|讨论)了?|对|就|根据|按照|结合)$/;
// 初稿 and 草稿 are everyday words (初稿已完成, 草稿纸); only a bracketed or stand-alone one marks the document.
const MARKED_ONLY = new Set(['初稿', '草稿']);
const MARK_ENDS = /^\s*(?:[)）】\]〕]|\r?\n|$)/;
const ENUMERATED = /^\s*(?:、|等)/;
const BRACKETED_BEFORE = /[(（【[〔]\s*$/;
const OWN_LINE = /(?:^|\n)[ \t]*$/;
const REQUEST_LINE_END = /^\s*(?:[(（][^)）\n]{0,8}[)）])?\s*(?:\r?\n|$)/;
const CLOSING_ASK = /^\s*[,，]?\s*请(?:予)?(?:批示|批复|审批|审示|审定|指示|核准|批转|示)/;

/** The title line of a 请示: "…关于…的请示" ending its line; a quoted 《…的请示》 is a reference to one. */
function requestTitle(text: string, start: number, end: number): Finding | undefined {
  if (!REQUEST_LINE_END.test(text.slice(end, end + 14))) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (start - lineStart > 80 || !text.slice(lineStart, start).includes('关于')) return undefined;
  return { start: lineStart, end, reason: '文件是“请示”（向上级请求指示、批准），属于过程性信息，发布前需人工确认。' };
}

/** Drafts, internal minutes and 请示 (过程性信息, 条例 article 16) → review. */
export const processInfoRule: KeywordRule = {
  kind: 'keyword',
  id: 'process-info',
  category: 'process-info',
  severity: 'review',
  version: 4,
  keywords: [...Object.keys(DRAFTS), REQUEST_TITLE, ...REQUEST_CLOSINGS, ...REQUEST_ENDS, ...HANDLING_NOTES, '稿）'],

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    const text = ctx.doc.text;
    if (keyword === REQUEST_TITLE) return requestTitle(text, start, end);
    if (REQUEST_CLOSINGS.includes(keyword)) {
      const ask = CLOSING_ASK.exec(text.slice(end, end + 10));
      if (!ask) return undefined;
      return { start, end: end + ask[0].length, reason: `“${text.slice(start, end + ask[0].length)}”是请示的结束语，属于过程性信息，发布前需人工确认。` };
    }
    if (REQUEST_ENDS.includes(keyword)) {
      return { start, end, reason: `“${keyword}”是请示的结束语，属于过程性信息，发布前需人工确认。` };
    }
    if (HANDLING_NOTES.includes(keyword)) {
      if (!/^\s*[:：]/.test(text.slice(end, end + 2))) return undefined;
      return { start, end, reason: `“${keyword}”是文件处理笺上的办文意见，属于内部办文过程信息，发布前需人工确认。` };
    }
    if (keyword === '稿)') {
      const numbered = NUMBERED_DRAFT.exec(text.slice(Math.max(0, start - 8), start + 1));
      if (!numbered) return undefined;
      const from = start + 1 - numbered[0].length;
      return { start: from, end, reason: `“${text.slice(from, end)}”标明文件是第几稿，属于过程性信息，发布前需人工确认是否应公开。` };
    }
    // One item of a list of kinds (讨论稿、征求意见稿、请示等过程性信息): the text is about drafts.
    if (/、\s*$/.test(text.slice(Math.max(0, start - 2), start)) || ENUMERATED.test(text.slice(end, end + 2))) return undefined;
    if (keyword === '讨论稿' && text.slice(start - 2, start) === '内部') return undefined; // reported as 内部讨论稿
    if (keyword !== '内部讨论稿' && keyword !== '会议纪要(内部)' && keyword !== '内部会议纪要') {
      const window = text.slice(Math.max(0, start - 60), Math.min(text.length, end + 60));
      if (PUBLIC_CONSULTATION.test(window)) return undefined;
    }
    // 讨论稿件 / 送审稿件: the 稿 belongs to 稿件 (a manuscript), not to a draft.
    if (text[end] === '件' && keyword.endsWith('稿')) return undefined;
    // "征求意见稿公布后…": the text reports on a draft that has been published, it is not itself the draft.
    if (/^[)）》”"]*\s*(?:已|已经)?(?:全文)?(?:公布|发布|公示)(?!前)/.test(text.slice(end, end + 8))) return undefined;
    const before = text.slice(Math.max(0, start - 6), start);
    const marked = BRACKETED_BEFORE.test(before) || OWN_LINE.test(text.slice(Math.max(0, start - 40), start));
    if (!marked && (MARKED_ONLY.has(keyword) || REPORTED.test(before))) return undefined;
    if (MARKED_ONLY.has(keyword) && !MARK_ENDS.test(text.slice(end, end + 3))) return undefined;
    const name = DRAFTS[keyword];
    return { start, end, reason: `“${name}”属于过程性信息，发布前需人工确认是否应公开。` };
  },
};
