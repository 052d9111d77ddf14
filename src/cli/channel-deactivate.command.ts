import { auditActor } from '../auth/principal';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';

export const channelDeactivate: CliCommand = {
  name: 'channel:deactivate',
  usage: 'channel:deactivate <name>',
  summary: 'stop all sending to a channel (service-wide or a unit\'s); its record stays',
  async run(argv, { orm, config, out }) {
    const [name, extra] = parseArgs(argv, []).positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const channel = await asOperator({ orm, config }, (channels) => channels.deactivate(name, 'operator', auditActor('cli')));
    out(`channel deactivated: ${describeChannel(channel)}`);
    return 0;
  },
};
