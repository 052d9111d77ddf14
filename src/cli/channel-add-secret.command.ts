import { auditActor } from '../auth/principal';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';
import { secretArgument } from './secret-input';

export const channelAddSecret: CliCommand = {
  name: 'channel:add-secret',
  usage: 'channel:add-secret <name> [--secret-stdin]',
  summary: 'start a secret rotation: both secrets sign until channel:retire-secret; a generated secret is printed once, as the last line',
  async run(argv, ctx) {
    const { orm, config, out } = ctx;
    const args = parseArgs(argv, ['secret'], ['secret-stdin']);
    const [name, extra] = args.positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const given = await secretArgument(args, ctx, 'secret', false);
    const result = await asOperator({ orm, config }, (channels) => channels.addSecret(name, 'operator', auditActor('cli'), given));
    out(`secret added: ${describeChannel(result.channel)}`);
    if (result.secret) out(result.secret);
    return 0;
  },
};
