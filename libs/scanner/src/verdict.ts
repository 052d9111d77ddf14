import type { Hit, Verdict } from './types';

/** block if any block-severity hit, else review if any review-severity hit, else pass. */
export function verdictOf(hits: readonly Pick<Hit, 'severity'>[]): Verdict {
  let verdict: Verdict = 'pass';
  for (const h of hits) {
    if (h.severity === 'block') return 'block';
    if (h.severity === 'review') verdict = 'review';
  }
  return verdict;
}

/** Exit code of the CLI for a verdict. */
export function verdictExitCode(verdict: Verdict): 0 | 1 | 2 {
  return verdict === 'block' ? 2 : verdict === 'review' ? 1 : 0;
}
