import { archiveExport } from './archive-export.command';
import { auditCheckpoint } from './audit-checkpoint.command';
import { auditKeygen } from './audit-keygen.command';
import { auditVerify } from './audit-verify.command';
import { channelAddSecret } from './channel-add-secret.command';
import { channelAdd } from './channel-add.command';
import { channelDeactivate } from './channel-deactivate.command';
import { channelList } from './channel-list.command';
import { channelRetireSecret } from './channel-retire-secret.command';
import { CliCommand } from './cli-command';
import { clientAdd } from './client-add.command';
import { clientList } from './client-list.command';
import { clientUpdate } from './client-update.command';
import { LEXICON_COMMANDS } from './lexicon.command';
import { migrate } from './migrate.command';
import { report } from './report.command';
import { secretsReencrypt } from './secrets-reencrypt.command';
import { unitAdd } from './unit-add.command';
import { unitRobotAdd, unitRobotList, unitRobotRemove } from './unit-robot.command';
import { unitSetDue } from './unit-set-due.command';
import { userAdd } from './user-add.command';
import { userDeactivate } from './user-deactivate.command';
import { userList } from './user-list.command';
import { userReactivate } from './user-reactivate.command';
import { userResetPassword } from './user-reset-password.command';

/** Every operator command; later features add theirs here. */
export const COMMANDS: CliCommand[] = [
  migrate, unitAdd, userAdd, userList, userDeactivate, userReactivate, userResetPassword, clientAdd, clientUpdate, clientList, channelAdd, channelList, channelDeactivate, channelAddSecret, channelRetireSecret, auditVerify, auditKeygen, auditCheckpoint,
  report, archiveExport, secretsReencrypt, ...LEXICON_COMMANDS, unitSetDue, unitRobotAdd, unitRobotList, unitRobotRemove,
];
