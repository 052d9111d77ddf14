import { auditActor } from '../auth/principal';
import { lockUser, setPassword } from '../auth/user-lifecycle';
import { CliCommand } from './cli-command';
import { asOperator, oneUsername, plural } from './user-cli';
import { secretArgument } from './secret-input';

export const userResetPassword: CliCommand = {
  name: 'user:reset-password',
  usage: 'user:reset-password <username> [--password-stdin]',
  summary: 'set a new password for a person (read from standard input or asked for at the terminal); every session of theirs ends',
  async run(argv, ctx) {
    const { username, args } = oneUsername(argv, ['password'], ['password-stdin']);
    const password = (await secretArgument(args, ctx, 'password', true))!;
    const { endedSessions } = await asOperator(ctx, async ({ em }, audit) =>
      setPassword(em, audit, await lockUser(em, username), password, { reason: 'password-reset', actor: auditActor('cli'), field: 'password' }));
    ctx.out(`password of ${username} reset; ${plural(endedSessions, 'session')} ended`);
    return 0;
  },
};
