import { auditVerify } from './audit-verify.command';
import { channelAdd } from './channel-add.command';
import { CliCommand } from './cli-command';
import { clientAdd } from './client-add.command';
import { LEXICON_COMMANDS } from './lexicon.command';
import { migrate } from './migrate.command';
import { report } from './report.command';
import { unitAdd } from './unit-add.command';
import { userAdd } from './user-add.command';

/** Every operator command; later features add theirs here. */
export const COMMANDS: CliCommand[] = [migrate, unitAdd, userAdd, clientAdd, channelAdd, auditVerify, report, ...LEXICON_COMMANDS];
