import { isUscc } from '../validators/uscc.validator';
import type { Finding, NumberRule, NumberSpan } from './rule';

/** Unified social credit code (GB 32100): public for organisations, reported for information only. */
export const usccRule: NumberRule = {
  kind: 'number',
  id: 'uscc',
  category: 'personal-info',
  severity: 'info',
  version: 1,
  priority: 2,
  maxGroups: 1,

  match(_ctx, span: NumberSpan): Finding | undefined {
    if (span.value.length !== 18 || !isUscc(span.value)) return undefined;
    return { start: span.start, end: span.end, reason: '统一社会信用代码（校验位有效），机构代码依法公开，仅作提示。' };
  },
};
