import { ApiClient } from '../auth/entities/api-client.entity';
import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';
import { describeClient } from './client-registration';

export const clientList: CliCommand = {
  name: 'client:list',
  usage: 'client:list',
  summary: 'list the CMS clients with their units and callback origins (never keys or secrets)',
  async run(argv, { orm, out }) {
    parseArgs(argv, []);
    const clients = await orm.em.fork().find(ApiClient, {}, { orderBy: { name: 'asc' }, populate: ['units'] });
    for (const client of clients) out(`${client.name}${client.active ? '' : ' (inactive)'}: ${describeClient(client)}`);
    if (clients.length === 0) out('no clients');
    return 0;
  },
};
