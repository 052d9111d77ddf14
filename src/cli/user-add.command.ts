import { ROLES, Role } from '@clearance/workflow';
import { Unit } from '../auth/entities/unit.entity';
import { User } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/password';
import { auditActor } from '../auth/principal';
import { emailProblem } from '../auth/user-lifecycle';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { CliCommand } from './cli-command';
import { optional, parseArgs, single, UsageError } from './cli-args';
import { secretArgument } from './secret-input';

export const userAdd: CliCommand = {
  name: 'user:add',
  usage: 'user:add <username> --role filler|leader|chief|admin [--role …] --unit <code> [--password-stdin] [--display-name <name>] [--email <address>]',
  summary: 'add a reviewer or secrecy administrator; the password is read from standard input (--password-stdin) or asked for at the terminal',
  async run(argv, ctx) {
    const { orm, config, out } = ctx;
    const args = parseArgs(argv, ['role', 'unit', 'password', 'name', 'display-name', 'email'], ['password-stdin']);
    const [username, extra] = args.positional;
    if (!username || extra !== undefined) throw new UsageError('exactly one username is required');
    if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(username)) throw new UsageError('the username may hold letters, digits, _ . @ - (2 to 64)');
    const roles = [...new Set(args.options.get('role') ?? [])];
    if (roles.length === 0) throw new UsageError('at least one --role is required');
    const unknown = roles.filter((r) => !ROLES.includes(r as Role));
    if (unknown.length) throw new UsageError(`unknown role(s): ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
    const unitCode = single(args, 'unit');
    // --name is the older spelling of --display-name.
    if (args.options.has('name') && args.options.has('display-name')) throw new UsageError('--name and --display-name are the same option: give one');
    const displayName = optional(args, 'display-name') ?? optional(args, 'name');
    if (displayName !== undefined && (displayName.trim() === '' || displayName.length > 200)) throw new UsageError('the display name must have 1 to 200 characters');
    const email = optional(args, 'email');
    const badEmail = email === undefined ? null : emailProblem(email);
    if (badEmail) throw new UsageError(badEmail);
    const password = (await secretArgument(args, ctx, 'password', true))!;
    if (password.length < 8) throw new UsageError('the password must have at least 8 characters');
    const passwordHash = await hashPassword(password);
    await inTransaction(orm.em, async ({ em }) => {
      const unit = await em.findOne(Unit, { code: unitCode });
      if (!unit) throw new UsageError(`unit ${unitCode} does not exist (add it with unit:add)`);
      if (await em.findOne(User, { username })) throw new UsageError(`user ${username} exists already`);
      const user = em.create(User, { username, displayName: displayName?.trim(), email, passwordHash, roles: roles as Role[], unit });
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'user.added', data: { id: user.id, username, roles, unit: unitCode, ...(displayName ? { displayName: displayName.trim() } : {}) } });
    });
    out(`user ${username} added to ${unitCode} as ${roles.join(', ')}`);
    return 0;
  },
};
