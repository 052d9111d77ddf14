import { isLuhnValid } from '../validators/luhn.validator';
import type { Finding, NumberRule, NumberSpan, RuleContext } from './rule';

const CONTEXT = /卡号|账号|帐号|开户行|开户银行|银行卡|账户|帐户|借记卡|信用卡|储蓄卡|收款人/;

/** Bank card: 16–19 digits, Luhn valid with the UnionPay prefix 62, or a card/account word just before. */
export const bankCardRule: NumberRule = {
  kind: 'number',
  id: 'bank-card',
  category: 'personal-info',
  severity: 'review',
  version: 1,
  priority: 3,
  maxGroups: 5,

  match(ctx: RuleContext, span: NumberSpan): Finding | undefined {
    const v = span.value;
    if (v.length < 16 || v.length > 19 || !/^\d+$/.test(v)) return undefined;
    const luhn = isLuhnValid(v);
    const unionPay = v.startsWith('62');
    const context = CONTEXT.test(ctx.doc.text.slice(Math.max(0, span.start - 20), span.start));
    if (!((luhn && (unionPay || context)) || (context && unionPay))) return undefined;
    const why = luhn ? (unionPay ? '银联卡号（62开头，Luhn校验通过）' : '银行卡号（Luhn校验通过，前有卡号/账号字样）') : '银联卡号（前有卡号/账号字样）';
    return {
      start: span.start,
      end: span.end,
      reason: `含${why}，属于个人隐私。`,
      suggestion: `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`,
    };
  },
};
