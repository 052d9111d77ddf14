import { auditActor } from '../auth/principal';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';

export const channelRetireSecret: CliCommand = {
  name: 'channel:retire-secret',
  usage: 'channel:retire-secret <name>',
  summary: 'end a secret rotation: only the newest secret signs from now on',
  async run(argv, { orm, config, out }) {
    const [name, extra] = parseArgs(argv, []).positional;
    if (!name || extra !== undefined) throw new UsageError('exactly one channel name is required');
    const channel = await asOperator({ orm, config }, (channels) => channels.retirePreviousSecret(name, 'operator', auditActor('cli')));
    out(`previous secret retired: ${describeChannel(channel)}`);
    return 0;
  },
};
