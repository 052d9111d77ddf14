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

/** The number of a card issued on the ID: 残疾人证号 (the ID, then category 1–7 and grade 1–4), 学籍号 (G + the ID). */
const CARD_LABEL = /残疾人证|残疾证|学籍|社保卡|社会保障卡|医保卡|证号|卡号/;
const LETTER_PREFIX = /^([a-z]{1,2})(\d{17}[\dx])$/;
const DISABILITY_SUFFIX = /^(\d{17}[\dx])([1-7][1-4])$/;
const DIGITS_SUFFIX = /^(\d{17}[\dx])(\d{1,2})$/;

/** An ID at the head of a longer number or after letters; the rest is the card's own. */
function embeddedId(text: string, span: NumberSpan): Finding | undefined {
  const v = span.value;
  if (v.length < 19 || v.length > 20) return undefined;
  const labelled = CARD_LABEL.test(text.slice(Math.max(0, span.start - 12), span.start));
  const prefixed = LETTER_PREFIX.exec(v);
  const suffixed = DISABILITY_SUFFIX.exec(v) ?? (labelled ? DIGITS_SUFFIX.exec(v) : null);
  if (prefixed && isResidentId18(prefixed[2]) && labelBefore(text, span.start) !== 'other') {
    const id = prefixed[2];
    return {
      start: span.start,
      end: span.end,
      reason: `含以字母“${prefixed[1].toUpperCase()}”开头、内含有效居民身份证号码的编号（如学籍号），属于个人隐私。`,
      suggestion: `${prefixed[1].toUpperCase()}${id.slice(0, 4)}**********${id.slice(14).toUpperCase()}`,
    };
  }
  if (suffixed && isResidentId18(suffixed[1]) && labelBefore(text, span.start) !== 'other') {
    const id = suffixed[1];
    return {
      start: span.start,
      end: span.end,
      reason: '含以有效居民身份证号码开头的证件编号（如残疾人证号：身份证号加残疾类别、等级），属于个人隐私。',
      suggestion: `${id.slice(0, 4)}**********${id.slice(14).toUpperCase()}${suffixed[2]}`,
    };
  }
  return undefined;
}

/** Resident ID (GB 11643): 18 characters with a real birth date and MOD 11-2 check, or the old 15 digits. */
export const residentIdRule: NumberRule = {
  kind: 'number',
  id: 'resident-id',
  category: 'personal-info',
  severity: 'review',
  version: 3,
  priority: 1,
  maxGroups: 5,

  match(ctx: RuleContext, span: NumberSpan): Finding | undefined {
    const v = span.value;
    const inside = embeddedId(ctx.doc.text, span);
    if (inside) return inside;
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
