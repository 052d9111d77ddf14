import { auditActor } from '../auth/principal';
import { reactivateUser } from '../auth/user-lifecycle';
import { CliCommand } from './cli-command';
import { asOperator, oneUsername } from './user-cli';

export const userReactivate: CliCommand = {
  name: 'user:reactivate',
  usage: 'user:reactivate <username>',
  summary: 'let a deactivated person sign in again (sessions ended by the deactivation stay ended)',
  async run(argv, ctx) {
    const { username } = oneUsername(argv);
    const { changed } = await asOperator(ctx, ({ em }, audit) => reactivateUser(em, audit, username, auditActor('cli')));
    ctx.out(`user ${username} ${changed ? 'reactivated' : 'was active already'}`);
    return 0;
  },
};
