import { isResidentId15, isResidentId18 } from '../validators/resident-id.validator';
import type { Finding, NumberRule, NumberSpan } from './rule';

/** Resident ID (GB 11643): 18 characters with a real birth date and MOD 11-2 check, or the old 15 digits. */
export const residentIdRule: NumberRule = {
  kind: 'number',
  id: 'resident-id',
  category: 'personal-info',
  severity: 'review',
  version: 1,
  priority: 1,
  maxGroups: 5,

  match(_ctx, span: NumberSpan): Finding | undefined {
    const v = span.value;
    if (v.length === 18 && isResidentId18(v)) {
      return {
        start: span.start,
        end: span.end,
        reason: '含有效的居民身份证号码（出生日期与校验位均有效），属于个人隐私。',
        suggestion: `${v.slice(0, 4)}**********${v.slice(14).toUpperCase()}`,
      };
    }
    if (v.length === 15 && isResidentId15(v)) {
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
