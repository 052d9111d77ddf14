import { KeyObject } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { AuditVerifier } from '../audit/audit-verifier';
import { loadPublicKey, loadSigningKey, SigningKeyError } from '../audit/checkpoint-signing';
import { CliCommand, CliContext } from './cli-command';
import { optional, parseArgs, UsageError } from './cli-args';

const USAGE = 'audit:verify [--checkpoints DIR] [--public-key FILE]…';

/** The checkpoint directory and public keys to verify with; a bad one is a usage error (exit 3), not tampering. */
function inputs(argv: string[], { config }: CliContext): { dir?: string; keys: KeyObject[]; notes: string[] } {
  const notes: string[] = [];
  const args = parseArgs(argv, ['checkpoints', 'public-key']);
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const given = optional(args, 'checkpoints');
  if (given !== undefined && !(existsSync(given) && statSync(given).isDirectory())) throw new UsageError(`--checkpoints ${given} is not a directory`);
  const configured = config.audit.checkpointDir;
  // The configured directory by default, unless its files were all shipped away: then there is nothing to compare.
  const dir = given ?? (configured && existsSync(configured) && readdirSync(configured).some((n) => n.startsWith('checkpoint-')) ? configured : undefined);
  if (!given && dir) notes.push(`comparing with the checkpoint files in ${dir} (AUDIT_CHECKPOINT_DIR)`);
  let keys: KeyObject[];
  try {
    keys = (args.options.get('public-key') ?? []).map(loadPublicKey);
    if (keys.length === 0 && config.audit.signingKeyFile) {
      keys = [loadSigningKey(config.audit.signingKeyFile).publicKey];
      notes.push('checking signatures with the public half of AUDIT_SIGNING_KEY_FILE; give --public-key FILE to check with a key kept elsewhere');
    }
  } catch (error) {
    if (error instanceof SigningKeyError) throw new UsageError(error.message);
    throw error;
  }
  return { dir, keys, notes };
}

export const auditVerify: CliCommand = {
  name: 'audit:verify',
  usage: USAGE,
  summary: 'recompute the audit chains, item rows and checkpoints; exit 1 on tampering, 3 on bad arguments',
  async run(argv, ctx) {
    let given: ReturnType<typeof inputs>;
    try {
      given = inputs(argv, ctx);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      ctx.err(`audit:verify: ${error.message}\nusage: npm run -s cli -- ${USAGE}`);
      return 3;
    }
    const report = await new AuditVerifier(ctx.orm.em.fork(), { checkpointDir: given.dir, publicKeys: given.keys }).verify();
    // stdout carries the verdict alone (scripts read it); what was checked goes to stderr.
    for (const note of [...given.notes, ...report.notes]) ctx.err(`note: ${note}`);
    ctx.err(`note: ${report.chains} chain(s), ${report.checkpoints} checkpoint(s)`);
    if (report.ok) {
      ctx.out(`ok ${report.events} events`);
      return 0;
    }
    for (const finding of report.findings) ctx.err(`tampered: ${finding}`);
    ctx.out(`tampered: ${report.findings.length} finding(s) in ${report.events} events`);
    return 1;
  },
};
