import { ApiClient } from '../auth/entities/api-client.entity';
import { hashApiKey, newApiKey, newWebhookSecret } from '../auth/api-key';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';
import { callbackOriginsNamed, describeClient, unitsNamed } from './client-registration';

export const clientAdd: CliCommand = {
  name: 'client:add',
  usage: 'client:add <name> --unit <code> [--unit …] [--callback-origin <scheme://host[:port|:*]> …]',
  summary: 'register a CMS for its units and callback origins; prints its callback secret, then its API key as the last line (both shown once)',
  async run(argv, { orm, config, out }) {
    const args = parseArgs(argv, ['unit', 'callback-origin']);
    const name = args.positional.join(' ').trim();
    if (!name) throw new UsageError('a client name is required');
    const codes = args.options.get('unit') ?? [];
    if (codes.length === 0) throw new UsageError('at least one --unit is required: the units this CMS submits for');
    const callbackOrigins = callbackOriginsNamed(args.options.get('callback-origin') ?? []);
    const key = newApiKey();
    const callbackSecret = newWebhookSecret();
    const client = await inTransaction(orm.em, async ({ em }) => {
      if (await em.findOne(ApiClient, { name })) throw new UsageError(`client ${name} exists already`);
      const units = await unitsNamed(em, codes);
      const created = em.create(ApiClient, { name, keyHash: hashApiKey(key), callbackSecret, units, callbackOrigins });
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'client.added', data: { id: created.id, name, units: units.map((u) => u.code), callbackOrigins } });
      return created;
    });
    out(`client ${name} added; ${describeClient(client)}`);
    out('Keep these; they are not shown again.');
    out(`callback secret (verifies our callbacks, Standard Webhooks): ${callbackSecret}`);
    out(key);
    return 0;
  },
};
