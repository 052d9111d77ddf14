import type { Finding, NumberRule, NumberSpan, RuleContext } from './rule';

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;
const UNIT_AFTER = /^(?:\.\d+)?\s*(?:元|万|亿|千|百|%|‰|人|户|吨|千克|公斤|平方|亩|公里|米|个|件|次|台|辆|kw|kg)/;

function isCodeGroup(m: RegExpExecArray | null): boolean {
  return !!m && !MOBILE.test(m[0]);
}

/** Mainland mobile numbers, with spaces, dashes or +86; landlines and short hotlines are not personal. */
export const mobileRule: NumberRule = {
  kind: 'number',
  id: 'mobile',
  category: 'personal-info',
  severity: 'review',
  version: 2,
  priority: 4,
  maxGroups: 4,

  match(ctx: RuleContext, span: NumberSpan): Finding | undefined {
    const m = MOBILE.exec(span.value);
    if (!m) return undefined;
    const prefixed = m[1].length !== span.value.length;
    // A country code glued to the number without + or a separator is more likely part of another number.
    if (prefixed && !span.plus && span.groups === 1) return undefined;
    const text = ctx.doc.text;
    // Followed by a unit or an amount, an 11-digit run is a figure (地区生产总值13800138000元), not a phone.
    if (UNIT_AFTER.test(text.slice(span.end, span.end + 6))) return undefined;
    // A group of a dash-joined code (HT-2024-13912345678-01) is part of that code.
    // (Two mobiles joined by a dash are still two mobiles.)
    if (!span.plus && text[span.start - 1] === '-' && isCodeGroup(/[0-9a-z]+$/.exec(text.slice(Math.max(0, span.start - 21), span.start - 1))))
      return undefined;
    if (text[span.end] === '-' && isCodeGroup(/^[0-9a-z]+/.exec(text.slice(span.end + 1, span.end + 22)))) return undefined;
    const n = m[1];
    return {
      start: span.plus ? span.start - 1 : span.start,
      end: span.end,
      reason: '含手机号码，属于个人信息，发布前应删除或遮盖。',
      suggestion: `${n.slice(0, 3)}****${n.slice(7)}`,
    };
  },
};
