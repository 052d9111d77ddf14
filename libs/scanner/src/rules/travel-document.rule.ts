import type { Finding, KeywordRule, RuleContext } from './rule';

/** 护照号码：E12345678, 港澳通行证号：C12345678 — a letter or two and 7–8 digits, right after the label. */
const NUMBER_AFTER = /^(?:号码|证号|号|编号)?\s*[:：]?\s*(?:为|是)?\s*([a-z]{1,2}\d{7,8})(?![\da-z])/;

/** A person's passport or travel permit number: personal information (条例 article 15) like an ID number. */
export const travelDocumentRule: KeywordRule = {
  kind: 'keyword',
  id: 'travel-document',
  category: 'personal-info',
  severity: 'review',
  version: 1,
  keywords: ['护照', '通行证'],

  match(ctx: RuleContext, _keyword: string, _start: number, end: number): Finding | undefined {
    const m = NUMBER_AFTER.exec(ctx.doc.text.slice(end, end + 24));
    if (!m) return undefined;
    const at = end + m[0].length - m[1].length;
    const n = m[1].toUpperCase();
    return {
      start: at,
      end: at + n.length,
      reason: '含护照或通行证号码，属于个人隐私。',
      suggestion: `${n.slice(0, 1)}${'*'.repeat(n.length - 3)}${n.slice(-2)}`,
    };
  },
};
