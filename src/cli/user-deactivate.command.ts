import { auditActor } from '../auth/principal';
import { deactivateUser } from '../auth/user-lifecycle';
import { CliCommand } from './cli-command';
import { asOperator, oneUsername, plural } from './user-cli';

export const userDeactivate: CliCommand = {
  name: 'user:deactivate',
  usage: 'user:deactivate <username>',
  summary: 'stop a person signing in; their open sessions end at once (the record and their decisions stay)',
  async run(argv, ctx) {
    const { username } = oneUsername(argv);
    const { changed, endedSessions } = await asOperator(ctx, ({ em }, audit) => deactivateUser(em, audit, username, auditActor('cli')));
    ctx.out(`user ${username} ${changed ? 'deactivated' : 'was inactive already'}; ${plural(endedSessions, 'session')} ended`);
    return 0;
  },
};
