import { isMistypedResidentId18, isResidentId15, isResidentId18 } from '../validators/resident-id.validator';
import type { Finding, NumberRule, NumberSpan, RuleContext } from './rule';

/** The label of an ID number: 身份证号, 公民身份号码, 证件号码. */
const ID_LABEL = /身份证|身份号码|身份证件|证件号/;
/** The label of some other number (注册号, 项目编号, 代码, 单号…). */
const OTHER_LABEL = /注册号|编号|编码|代码|单号|批号|流水号|合同号|订单|档案号|证书号|序列号|imei|条码/;

/** The nearest number label in the 16 characters before the number, if any. */
function labelBefore(text: string, at: number): 'id' | 'other' | undefined {
  const before = text.slice(Math.max(0, at - 16), at);
  let id = -1;
  let other = -1;
  for (const m of before.matchAll(new RegExp(ID_LABEL.source, 'g'))) id = m.index! + m[0].length;
  for (const m of before.matchAll(new RegExp(OTHER_LABEL.source, 'g'))) other = m.index! + m[0].length;
  if (id < 0 && other < 0) return undefined;
  return id >= other ? 'id' : 'other';
}

/** Resident ID (GB 11643): 18 characters with a real birth date and MOD 11-2 check, or the old 15 digits. */
export const residentIdRule: NumberRule = {
  kind: 'number',
  id: 'resident-id',
  category: 'personal-info',
  severity: 'review',
  version: 2,
  priority: 1,
  maxGroups: 5,

  match(ctx: RuleContext, span: NumberSpan): Finding | undefined {
    const v = span.value;
    if (v.length === 18 && isResidentId18(v)) {
      return {
        start: span.start,
        end: span.end,
        reason: '含有效的居民身份证号码（出生日期与校验位均有效），属于个人隐私。',
        suggestion: `${v.slice(0, 4)}**********${v.slice(14).toUpperCase()}`,
      };
    }
    if (v.length === 18 && isMistypedResidentId18(v) && labelBefore(ctx.doc.text, span.start) === 'id') {
      return {
        start: span.start,
        end: span.end,
        reason: '标为身份证号码的18位号码（出生日期有效，校验位不符，疑似录入错误），仍属于个人隐私。',
        suggestion: `${v.slice(0, 4)}**********${v.slice(14).toUpperCase()}`,
      };
    }
    // The old 15 digits have no check character: a number labelled as something else (工商注册号, 项目编号) is that.
    if (v.length === 15 && isResidentId15(v) && labelBefore(ctx.doc.text, span.start) !== 'other') {
      return {
        start: span.start,
        end: span.end,
        reason: '含15位旧版居民身份证号码（出生日期有效），属于个人隐私。',
        suggestion: `${v.slice(0, 4)}*******${v.slice(11)}`,
      };
    }
    return undefined;
  },
};
