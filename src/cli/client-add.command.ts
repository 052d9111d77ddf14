import { ApiClient } from '../auth/entities/api-client.entity';
import { hashApiKey, newApiKey, newWebhookSecret } from '../auth/api-key';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';

export const clientAdd: CliCommand = {
  name: 'client:add',
  usage: 'client:add <name>',
  summary: 'register a CMS; prints its callback secret, then its API key as the last line (both shown once)',
  async run(argv, { orm, out }) {
    const { positional } = parseArgs(argv, []);
    const name = positional.join(' ').trim();
    if (!name) throw new UsageError('a client name is required');
    const key = newApiKey();
    const callbackSecret = newWebhookSecret();
    await orm.em.fork().transactional(async (em) => {
      if (await em.findOne(ApiClient, { name })) throw new UsageError(`client ${name} exists already`);
      const client = em.create(ApiClient, { name, keyHash: hashApiKey(key), callbackSecret });
      await new AuditService().append(em, { actor: auditActor('cli'), action: 'client.added', data: { id: client.id, name } });
    });
    out(`client ${name} added. Keep these; they are not shown again.`);
    out(`callback secret (verifies our callbacks, Standard Webhooks): ${callbackSecret}`);
    out(key);
    return 0;
  },
};
