import { createHash } from 'node:crypto';
import { bankCardRule } from './bank-card.rule';
import { classifiedMarkingRule } from './classified-marking.rule';
import { homeAddressRule } from './home-address.rule';
import { internalMarkingRule } from './internal-marking.rule';
import { mobileRule } from './mobile.rule';
import { ocrMarkingRule } from './ocr-marking.rule';
import { processInfoRule } from './process-info.rule';
import { residentIdRule } from './resident-id.rule';
import { travelDocumentRule } from './travel-document.rule';
import type { KeywordRule, NumberRule, Rule } from './rule';
import { usccRule } from './uscc.rule';

export const KEYWORD_RULES: readonly KeywordRule[] = [classifiedMarkingRule, ocrMarkingRule, internalMarkingRule, processInfoRule, homeAddressRule, travelDocumentRule];

/** In priority order: an ID claims its digits before a USCC, a USCC before a bank card. */
export const NUMBER_RULES: readonly NumberRule[] = [residentIdRule, usccRule, bankCardRule, mobileRule].sort(
  (a, b) => a.priority - b.priority,
);

export const ALL_RULES: readonly Rule[] = [...KEYWORD_RULES, ...NUMBER_RULES];

export function rulesVersionOf(rules: readonly Rule[], data: string): string {
  const ids = rules.map((r) => `${r.id}@${r.version}`).join(',');
  return `r1-${createHash('sha256').update(ids).update('\n').update(data).digest('hex').slice(0, 12)}`;
}
