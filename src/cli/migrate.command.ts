import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';

export const migrate: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply pending database migrations (every command does this first)',
  async run(argv, { orm, out }) {
    parseArgs(argv, []);
    const executed = await orm.getMigrator().getExecutedMigrations();
    out(`database is at migration ${executed[executed.length - 1]?.name ?? '(none)'} (${executed.length} applied)`);
    return 0;
  },
};
