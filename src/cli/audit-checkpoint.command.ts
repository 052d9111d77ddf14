import { AuditCheckpointer } from '../audit/audit-checkpointer';
import { loadSigningKey, SigningKey, SigningKeyError } from '../audit/checkpoint-signing';
import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';

export const auditCheckpoint: CliCommand = {
  name: 'audit:checkpoint',
  usage: 'audit:checkpoint',
  summary: 'seal the audit events written since the last checkpoint now (the worker role does it every AUDIT_CHECKPOINT_INTERVAL)',
  async run(argv, { orm, config, out, err }) {
    parseArgs(argv, []);
    let key: SigningKey | undefined;
    try {
      key = config.audit.signingKeyFile ? loadSigningKey(config.audit.signingKeyFile, err) : undefined;
    } catch (error) {
      if (!(error instanceof SigningKeyError)) throw error;
      err(`audit:checkpoint: ${error.message}`);
      return 3;
    }
    if (!key) err('note: AUDIT_SIGNING_KEY_FILE is not set: the checkpoint is unsigned');
    const outcome = await new AuditCheckpointer(orm.em, { algorithm: config.audit.hash, key, dir: config.audit.checkpointDir }).checkpoint();
    if ('skipped' in outcome) {
      out(`no checkpoint written: ${outcome.skipped}`);
      return 0;
    }
    const c = outcome.written;
    if (outcome.exportError) err(`audit:checkpoint: checkpoint ${c.number} is in the database but its file was not written: ${outcome.exportError}`);
    out(`checkpoint ${c.number}: ${c.events} event(s), seq ${c.firstSeq}–${c.lastSeq}, root ${c.root}${c.signature ? `, signed by key ${c.keyId}` : ', unsigned'}${outcome.exported ? `, written to ${config.audit.checkpointDir}` : ''}`);
    return outcome.exportError ? 1 : 0;
  },
};
