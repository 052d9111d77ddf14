import type { Finding, KeywordRule, RuleContext } from './rule';

// An address down to the house: a number with a house, room, group or building unit (5组12号, 3栋2单元501室).
const HOUSE = /(?:\d+|[一二三四五六七八九十]+)\s*(?:号|室|组|栋|幢|单元|弄|社|队|排)/;
const REACH = 40;
// 户籍地, 居住地 are also words of policy text (按户籍地管理); as an address they label a field: 户籍地：…, 居住地为….
const FIELD_ONLY = /地$/;
const FIELD_SEPARATOR = /^\s*(?:[:：]|为|是)/;

/**
 * A natural person's home address (家庭住址, 现住址, 户籍地址, 家住…) given down to the house: personal information
 * under 条例 article 15. 住所 is left out on purpose: it is the registered seat of a company in penalty decisions.
 */
export const homeAddressRule: KeywordRule = {
  kind: 'keyword',
  id: 'home-address',
  category: 'personal-info',
  severity: 'review',
  version: 1,
  keywords: ['住址', '家庭地址', '户籍地址', '户籍地', '户籍所在地', '居住地址', '居住地', '家住', '现住', '现居住', '暂住地'],

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    const text = ctx.doc.text;
    if (text[end] === '房') return undefined; // 现住房, 家住房: housing, not an address
    if (FIELD_ONLY.test(keyword) && !FIELD_SEPARATOR.test(text.slice(end, end + 3))) return undefined;
    // The address follows at once and runs to the end of its clause (户籍地管理原则，…3组 is two clauses).
    const line = /^[^\n,，;；。]*/.exec(text.slice(end, Math.min(text.length, end + REACH)))![0];
    const house = HOUSE.exec(line);
    if (!house) return undefined;
    return {
      start,
      end: end + house.index + house[0].length,
      reason: '含自然人的家庭住址（具体到门牌、组、室），属于个人隐私。',
      suggestion: '只保留到乡镇（街道），删除村组、门牌号。',
    };
  },
};
