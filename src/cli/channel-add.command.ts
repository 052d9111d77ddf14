import { auditActor } from '../auth/principal';
import { CliCommand } from './cli-command';
import { optional, parseArgs, UsageError } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';
import { secretArgument } from './secret-input';

export const channelAdd: CliCommand = {
  name: 'channel:add',
  usage: 'channel:add <name> --url <url> [--secret-stdin] [--unit <code>]',
  summary: 'register a publishing channel, service-wide or, with --unit, one unit\'s; without --secret one is generated and printed once, as the last line',
  async run(argv, ctx) {
    const { orm, config, out } = ctx;
    const args = parseArgs(argv, ['url', 'secret', 'unit'], ['secret-stdin']);
    const [name, extra] = args.positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const url = args.options.get('url');
    if (!url || url.length !== 1) throw new UsageError('--url is required, once');
    const secret = await secretArgument(args, ctx, 'secret', false);
    const unit = optional(args, 'unit');
    const result = await asOperator({ orm, config }, (channels) => channels.add({ name, url: url[0], secret, unit }, 'operator', auditActor('cli')));
    out(`channel added: ${describeChannel(result.channel)}`);
    if (result.secret) out(result.secret);
    return 0;
  },
};
