import { writeFileSync } from 'node:fs';
import { generateSigningKey } from '../audit/checkpoint-signing';
import { CliCommand } from './cli-command';
import { parseArgs, single, UsageError } from './cli-args';

export const auditKeygen: CliCommand = {
  name: 'audit:keygen',
  usage: 'audit:keygen --out FILE',
  summary: 'make the Ed25519 key that signs audit checkpoints: FILE (private, 0600) and FILE.pub; prints the public key',
  async run(argv, { out, err }) {
    const args = parseArgs(argv, ['out']);
    const file = single(args, 'out');
    const key = generateSigningKey();
    try {
      // 'wx': an existing key is never replaced, or the checkpoints it signed could no longer be checked with it.
      writeFileSync(file, key.privatePem, { flag: 'wx', mode: 0o600 });
      writeFileSync(`${file}.pub`, key.publicPem, { flag: 'wx', mode: 0o644 });
    } catch (error) {
      throw new UsageError(`cannot write the key: ${(error as Error).message}`);
    }
    err(`private key written to ${file} (mode 0600): set AUDIT_SIGNING_KEY_FILE=${file} for the worker role; keep it off the database host's backups`);
    err(`public key written to ${file}.pub (key id ${key.keyId}): keep a copy where the checkpoints are shipped, and verify with audit:verify --public-key ${file}.pub`);
    for (const line of key.publicPem.trimEnd().split('\n')) out(line);
    return 0;
  },
};
