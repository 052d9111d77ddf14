import { AuditService } from '../audit/audit.service';
import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';

export const auditVerify: CliCommand = {
  name: 'audit:verify',
  usage: 'audit:verify',
  summary: 'recompute the audit hash chain; exit 1 at the first broken link',
  async run(argv, { orm, out, err }) {
    parseArgs(argv, []);
    const result = await new AuditService().verify(orm.em.fork());
    if (result.ok) {
      out(`ok ${result.count} events`);
      return 0;
    }
    err(`broken at event ${result.brokenAt}: ${result.reason} (${result.count} events verified before it)`);
    return 1;
  },
};
