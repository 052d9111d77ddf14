import { Unit } from '../auth/entities/unit.entity';
import { User } from '../auth/entities/user.entity';
import { CliCommand } from './cli-command';
import { optional, parseArgs, UsageError } from './cli-args';

const COLUMNS = ['username', 'display name', 'unit', 'roles', 'active', 'created'] as const;

/** Columns padded to their widest cell, counting a CJK character as two: names are mostly Chinese. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));

export const userList: CliCommand = {
  name: 'user:list',
  usage: 'user:list [--unit <code>]',
  summary: 'list people (username, display name, unit, roles, active, created), of one unit or all',
  async run(argv, { orm, out }) {
    const args = parseArgs(argv, ['unit']);
    if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
    const unitCode = optional(args, 'unit');
    const em = orm.em.fork();
    if (unitCode !== undefined && !(await em.findOne(Unit, { code: unitCode }))) throw new UsageError(`unit ${unitCode} does not exist`);
    const users = await em.find(User, unitCode === undefined ? {} : { unit: { code: unitCode } }, { populate: ['unit'], orderBy: { unit: { code: 'asc' }, username: 'asc' } });
    if (users.length === 0) {
      out(unitCode === undefined ? 'no users' : `no users in ${unitCode}`);
      return 0;
    }
    const rows = users.map((u) => [u.username, u.displayName ?? '-', `${u.unit.code} ${u.unit.name}`, u.roles.join(','), u.active ? 'yes' : 'no', u.createdAt.toISOString().slice(0, 16).replace('T', ' ') + 'Z']);
    const widths = COLUMNS.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i]))));
    for (const row of [[...COLUMNS], ...rows]) out(row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]))).join('  '));
    return 0;
  },
};
