import { DomainError } from '@clearance/workflow';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ChannelsService } from '../publishing/channels.service';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';

export const channelAdd: CliCommand = {
  name: 'channel:add',
  usage: 'channel:add <name> --url <url> [--secret <whsec_…>]',
  summary: 'register a publishing channel; without --secret one is generated and printed once, as the last line',
  async run(argv, { orm, out }) {
    const args = parseArgs(argv, ['url', 'secret']);
    const [name, extra] = args.positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const url = args.options.get('url');
    if (!url || url.length !== 1) throw new UsageError('--url is required, once');
    const secret = args.options.get('secret');
    if (secret && secret.length > 1) throw new UsageError('--secret may be given once');
    try {
      const result = await new ChannelsService(orm.em, new AuditService()).add({ name, url: url[0], secret: secret?.[0] }, auditActor('cli'));
      out(`channel ${name} added: ${result.channel.url}`);
      if (result.secret) out(result.secret);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    }
  },
};
