import { bankCardSamples } from './bank-card.samples';
import { classifiedMarkingSamples } from './classified-marking.samples';
import { homeAddressSamples } from './home-address.samples';
import { internalMarkingSamples } from './internal-marking.samples';
import { mobileSamples } from './mobile.samples';
import { ocrMarkingSamples } from './ocr-marking.samples';
import { processInfoSamples } from './process-info.samples';
import { residentIdSamples } from './resident-id.samples';
import { travelDocumentSamples } from './travel-document.samples';
import type { RuleSamples } from './rule';
import { usccSamples } from './uscc.samples';

/** Every rule's samples by rule id; the rules spec runs all of them. */
export const RULE_SAMPLES: Record<string, RuleSamples> = {
  'classified-marking': classifiedMarkingSamples,
  'ocr-marking': ocrMarkingSamples,
  'internal-marking': internalMarkingSamples,
  'process-info': processInfoSamples,
  'resident-id': residentIdSamples,
  uscc: usccSamples,
  'bank-card': bankCardSamples,
  mobile: mobileSamples,
  'home-address': homeAddressSamples,
  'travel-document': travelDocumentSamples,
};
