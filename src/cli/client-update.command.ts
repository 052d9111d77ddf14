import { ApiClient } from '../auth/entities/api-client.entity';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';
import { callbackOriginsNamed, describeClient, unitsNamed } from './client-registration';

const NO_ORIGINS = 'no-callback-origins';

/** Each list given replaces the one stored, so what the command line says is what the client may do. */
export const clientUpdate: CliCommand = {
  name: 'client:update',
  usage: `client:update <name> [--unit <code> …] [--callback-origin <scheme://host[:port|:*]> … | --${NO_ORIGINS}]`,
  summary: 'replace the units a CMS submits for and/or the origins it may be called back at',
  async run(argv, { orm, config, out }) {
    const args = parseArgs(argv, ['unit', 'callback-origin'], [NO_ORIGINS]);
    const name = args.positional.join(' ').trim();
    if (!name) throw new UsageError('a client name is required');
    const codes = args.options.get('unit');
    const origins = args.options.get('callback-origin');
    if (origins && args.flags.has(NO_ORIGINS)) throw new UsageError(`--callback-origin and --${NO_ORIGINS} contradict each other`);
    if (!codes && !origins && !args.flags.has(NO_ORIGINS)) throw new UsageError(`nothing to change: give --unit, --callback-origin or --${NO_ORIGINS}`);
    const callbackOrigins = origins ? callbackOriginsNamed(origins) : args.flags.has(NO_ORIGINS) ? [] : undefined;
    const client = await inTransaction(orm.em, async ({ em }) => {
      const found = await em.findOne(ApiClient, { name }, { populate: ['units'] });
      if (!found) throw new UsageError(`client ${name} does not exist`);
      const data: Record<string, unknown> = { id: found.id, name };
      if (codes) {
        const units = await unitsNamed(em, codes);
        found.units.set(units);
        data.units = units.map((u) => u.code);
      }
      if (callbackOrigins) {
        found.callbackOrigins = callbackOrigins;
        data.callbackOrigins = callbackOrigins;
      }
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'client.updated', data });
      return found;
    });
    out(`client ${name} updated; ${describeClient(client)}`);
    return 0;
  },
};
