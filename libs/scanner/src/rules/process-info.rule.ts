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
  '会议纪要(内部)': '内部会议纪要',
  内部会议纪要: '内部会议纪要',
};

// A draft put out for public comment is published on purpose.
const PUBLIC_CONSULTATION = /公开征求|向社会(?:各界)?(?:公开)?征求|面向社会征求|社会公众意见|公开向社会/;

/** Drafts and internal minutes (过程性信息, 条例 article 16) → review. */
export const processInfoRule: KeywordRule = {
  kind: 'keyword',
  id: 'process-info',
  category: 'process-info',
  severity: 'review',
  version: 2,
  keywords: Object.keys(DRAFTS),

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    const text = ctx.doc.text;
    if (keyword === '讨论稿' && text.slice(start - 2, start) === '内部') return undefined; // reported as 内部讨论稿
    if (keyword !== '内部讨论稿' && keyword !== '会议纪要(内部)' && keyword !== '内部会议纪要') {
      const window = text.slice(Math.max(0, start - 60), Math.min(text.length, end + 60));
      if (PUBLIC_CONSULTATION.test(window)) return undefined;
    }
    // 讨论稿件 / 送审稿件: the 稿 belongs to 稿件 (a manuscript), not to a draft.
    if (text[end] === '件' && keyword.endsWith('稿')) return undefined;
    // "征求意见稿公布后…": the text reports on a draft that has been published, it is not itself the draft.
    if (/^[)）》”"]*\s*(?:已|已经)?(?:全文)?(?:公布|发布|公示)(?!前)/.test(text.slice(end, end + 8))) return undefined;
    const name = DRAFTS[keyword];
    return { start, end, reason: `“${name}”属于过程性信息，发布前需人工确认是否应公开。` };
  },
};
