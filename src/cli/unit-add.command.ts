import { Unit } from '../auth/entities/unit.entity';
import { auditActor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { CliCommand } from './cli-command';
import { parseArgs, UsageError } from './cli-args';

export const unitAdd: CliCommand = {
  name: 'unit:add',
  usage: 'unit:add <code> <name>',
  summary: 'add a unit (单位)',
  async run(argv, { orm, config, out }) {
    const { positional } = parseArgs(argv, []);
    const [code, ...nameParts] = positional;
    const name = nameParts.join(' ');
    if (!code || !name) throw new UsageError('a code and a name are required');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) throw new UsageError('the code may hold only letters, digits, _ and - (at most 64)');
    await inTransaction(orm.em, async ({ em }) => {
      if (await em.findOne(Unit, { code })) throw new UsageError(`unit ${code} exists already`);
      const unit = em.create(Unit, { code, name });
      await new AuditService(config).append(em, { actor: auditActor('cli'), action: 'unit.added', data: { id: unit.id, code, name } });
    });
    out(`unit ${code} added`);
    return 0;
  },
};
