import { auditActor } from '../auth/principal';
import { CliCommand } from './cli-command';
import { optional, parseArgs, UsageError } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';

export const channelAddSecret: CliCommand = {
  name: 'channel:add-secret',
  usage: 'channel:add-secret <name> [--secret <whsec_…>]',
  summary: 'start a secret rotation: both secrets sign until channel:retire-secret; a generated secret is printed once, as the last line',
  async run(argv, { orm, out }) {
    const args = parseArgs(argv, ['secret']);
    const [name, extra] = args.positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const given = optional(args, 'secret');
    const result = await asOperator(orm, (channels) => channels.addSecret(name, 'operator', auditActor('cli'), given));
    out(`secret added: ${describeChannel(result.channel)}`);
    if (result.secret) out(result.secret);
    return 0;
  },
};
