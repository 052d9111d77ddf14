import type { Finding, NumberRule, NumberSpan } from './rule';

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;

/** Mainland mobile numbers, with spaces, dashes or +86; landlines and short hotlines are not personal. */
export const mobileRule: NumberRule = {
  kind: 'number',
  id: 'mobile',
  category: 'personal-info',
  severity: 'review',
  version: 1,
  priority: 4,
  maxGroups: 4,

  match(_ctx, span: NumberSpan): Finding | undefined {
    const m = MOBILE.exec(span.value);
    if (!m) return undefined;
    const prefixed = m[1].length !== span.value.length;
    // A country code glued to the number without + or a separator is more likely part of another number.
    if (prefixed && !span.plus && span.groups === 1) return undefined;
    const n = m[1];
    return {
      start: span.plus ? span.start - 1 : span.start,
      end: span.end,
      reason: '含手机号码，属于个人信息，发布前应删除或遮盖。',
      suggestion: `${n.slice(0, 3)}****${n.slice(7)}`,
    };
  },
};
