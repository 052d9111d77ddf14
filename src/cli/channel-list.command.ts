import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';
import { asOperator, describeChannel } from './channel-cli';

export const channelList: CliCommand = {
  name: 'channel:list',
  usage: 'channel:list',
  summary: 'list every channel, service-wide and units\' (never secrets)',
  async run(argv, { orm, config, out }) {
    parseArgs(argv, []);
    const channels = await asOperator({ orm, config }, (service) => service.list('operator'));
    for (const channel of channels) out(describeChannel(channel));
    if (channels.length === 0) out('no channels');
    return 0;
  },
};
