import { checkLexiconEntry, LexiconEntryError, type LexiconEntry, type LexiconEntryInput, type LexiconEntryLimits } from '@clearance/scanner';
import { assertAdmin, DomainError, ForbiddenActError } from '@clearance/workflow';
import { actorOf, UserPrincipal } from '../auth/principal';

/** Bounds on what an administrator may enter (the shipped lexicon's terms are all far shorter). */
export const TERM_LIMITS: Required<LexiconEntryLimits> = { maxTermLength: 64, maxAllowPhrases: 50, maxAllowLength: 200 };
export const MAX_NOTE_LENGTH = 1000;

/** The scanner's entry rules and the bounds above; a failure is a 400 naming the field. */
export function checkTermInput(input: LexiconEntryInput): LexiconEntry {
  try {
    return checkLexiconEntry(input, TERM_LIMITS);
  } catch (error) {
    if (error instanceof LexiconEntryError) throw new DomainError('invalid', error.reason, error.field);
    throw error;
  }
}

/** Every term says why it is in the lexicon, as every override or referral records a reason. */
export function checkNote(note: string | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed === '') throw new DomainError('invalid', 'note is required: say why the term belongs in the lexicon', 'note');
  if (trimmed.length > MAX_NOTE_LENGTH) throw new DomainError('invalid', `note is longer than ${MAX_NOTE_LENGTH} characters`, 'note');
  return trimmed;
}

/** Reading the lexicon (to understand a hit): any secrecy administrator. */
export function assertMayReadLexicon(user: UserPrincipal): void {
  assertAdmin(actorOf(user));
}

/**
 * Changing it: the lexicon decides what every unit may publish, so when LEXICON_UNITS names units only
 * their secrecy administrators (the secrecy office's) may change it; unset, any secrecy administrator may.
 */
export function assertMayChangeLexicon(user: UserPrincipal, units: readonly string[]): void {
  assertAdmin(actorOf(user));
  if (units.length > 0 && !units.includes(user.unitCode)) {
    throw new ForbiddenActError(`the lexicon is service-wide: only secrecy administrators of ${units.join(', ')} may change it`);
  }
}
