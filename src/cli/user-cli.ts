import { DomainError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { Tx, inTransaction } from '../database/transaction';
import { CliContext } from './cli-command';
import { parseArgs, UsageError } from './cli-args';

/** The one username a user:* command acts on. */
export function oneUsername(argv: string[], known: readonly string[] = [], flags: readonly string[] = []) {
  const args = parseArgs(argv, known, flags);
  const [username, extra] = args.positional;
  if (!username || extra !== undefined) throw new UsageError('exactly one username is required');
  return { username, args };
}

/** Runs an account change in a transaction, audited as the operator; a refusal (no such user, a weak password) is a usage error. */
export async function asOperator<T>({ orm, config }: Pick<CliContext, 'orm' | 'config'>, work: (tx: Tx, audit: AuditService) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(orm.em, (tx) => work(tx, new AuditService(config)));
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(error.message);
    throw error;
  }
}

/** `s` when n is not one. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
