import { isLuhnValid } from '../validators/luhn.validator';
import type { Finding, NumberRule, NumberSpan, RuleContext } from './rule';

const CONTEXT = /卡号|账号|帐号|开户行|开户银行|银行卡|账户|帐户|借记卡|信用卡|储蓄卡|收款人/;

// Accounts of organisations (对公账户) are published in tender notices and fee notices: not personal information.
const CORPORATE_LABEL = /对公|单位(?:结算)?[账帐]户|基本户|基本(?:存款)?[账帐]户|一般(?:存款)?[账帐]户|专用(?:存款)?[账帐]户|财政专户|汇缴/;
// The account holder's name follows one of these labels (the unit labels name an organisation by themselves).
const HOLDER = /(户名|开户名称?|账户名称?|帐户名称?|收款人(?:名称|全称)?|收款方|持卡人|(?:收款|付款|开户)单位(?:名称|全称)?|单位名称)[:：\s]*([^\n,，;；。、()（）:：]{0,30})/g;
const UNIT_LABEL = /单位/;
const ORG_NAME = /(?:公司|集团|委员会|办公室|中心|医院|卫生院|学校|中学|小学|幼儿园|学院|大学|政府|街道|社区|合作社|联合社|银行|信用社|协会|学会|商会|基金会|事务所|结算户|专户|基本户|汇缴户|财政|工作站|管理处|管理所|派出所|分局)$/;
// One character ending an organisation's name; personal names are two to four characters, so only longer names count.
const ORG_LAST = /[局厅委办院所站厂馆部队处场村社店行]$/;
// Where a holder's name runs into the next field once spaces between CJK characters are gone (户名王某开户行…).
const NEXT_FIELD = /开户|卡号|[账帐]号|银行卡|身份证|证件|电话|手机|联系|地址|住址|金额|\d/;
const HOLDER_BEFORE = 80;
const HOLDER_AFTER = 40;

function isOrganisation(label: string, name: string): boolean {
  if (UNIT_LABEL.test(label)) return true;
  const cut = NEXT_FIELD.exec(name);
  const n = (cut ? name.slice(0, cut.index) : name).trim();
  return ORG_NAME.test(n) || (n.length >= 5 && ORG_LAST.test(n));
}

/** The account belongs to an organisation: a 对公 label just before it, or the nearest holder name is a unit's. */
function corporateAccount(text: string, start: number, end: number): boolean {
  if (CORPORATE_LABEL.test(text.slice(Math.max(0, start - 20), start))) return true;
  let holder: RegExpExecArray | undefined;
  for (const m of text.slice(Math.max(0, start - HOLDER_BEFORE), start).matchAll(HOLDER)) holder = m;
  if (!holder) {
    const after = text.slice(end, end + HOLDER_AFTER);
    if (CORPORATE_LABEL.test(after.slice(0, 12))) return true;
    holder = [...after.matchAll(HOLDER)][0];
  }
  return !!holder && isOrganisation(holder[1], holder[2]);
}

/** Bank card: 16–19 digits, Luhn valid with the UnionPay prefix 62, or a card/account word just before. */
export const bankCardRule: NumberRule = {
  kind: 'number',
  id: 'bank-card',
  category: 'personal-info',
  severity: 'review',
  version: 2,
  priority: 3,
  maxGroups: 5,

  match(ctx: RuleContext, span: NumberSpan): Finding | undefined {
    const v = span.value;
    if (v.length < 16 || v.length > 19 || !/^\d+$/.test(v)) return undefined;
    const luhn = isLuhnValid(v);
    const unionPay = v.startsWith('62');
    const text = ctx.doc.text;
    const context = CONTEXT.test(text.slice(Math.max(0, span.start - 20), span.start));
    if (!((luhn && (unionPay || context)) || (context && unionPay))) return undefined;
    if (corporateAccount(text, span.start, span.end)) return undefined;
    const why = luhn ? (unionPay ? '银联卡号（62开头，Luhn校验通过）' : '银行卡号（Luhn校验通过，前有卡号/账号字样）') : '银联卡号（前有卡号/账号字样）';
    return {
      start: span.start,
      end: span.end,
      reason: `含${why}，属于个人隐私。`,
      suggestion: `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`,
    };
  },
};
