import { DomainError } from './domain-error';
import type { DispositionOutcome, Level } from './states';

export interface DispositionInput {
  hitId: string;
  outcome: DispositionOutcome;
  note?: string;
}

/**
 * Before approving at 初审, every review-level hit of the revision must be recorded as verified (已核实可公开) or
 * a false positive (误报); content that must change is rejected, not approved. Later levels may add their own.
 * Throws 422 on `dispositions` naming what is missing or unknown.
 */
export function checkDispositions(level: Level, decision: string, reviewHitIds: readonly string[], allHitIds: ReadonlySet<string>, given: readonly DispositionInput[]): void {
  const unknown = given.filter((d) => !allHitIds.has(d.hitId)).map((d) => d.hitId);
  if (unknown.length) throw new DomainError('unprocessable', `dispositions name hits this revision does not have: ${[...new Set(unknown)].join(', ')}`, 'dispositions');
  const seen = new Set<string>();
  for (const d of given) {
    if (seen.has(d.hitId)) throw new DomainError('unprocessable', `dispositions name hit ${d.hitId} twice`, 'dispositions');
    seen.add(d.hitId);
  }
  if (level !== 'filler' || decision !== 'approve') return;
  const missing = reviewHitIds.filter((id) => !seen.has(id));
  if (missing.length) {
    throw new DomainError('unprocessable', `dispositions must record every review-level hit before approval at filler (初审); missing: ${missing.join(', ')}`, 'dispositions');
  }
}
