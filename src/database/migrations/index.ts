import { Migration20261127000000Initial } from './20261127000000-initial';
import { Migration20261127010000Publishing } from './20261127010000-publishing';
import { Migration20261127030000ReportIndexes } from './20261127030000-report-indexes';
import { Migration20261127040000Lexicon } from './20261127040000-lexicon';
import { Migration20261128000000Access } from './20261128000000-access';
import { Migration20261129000000Attachments } from './20261129000000-attachments';
import { Migration20261201000000SealedSecrets } from './20261201000000-sealed-secrets';
import { Migration20261202000000AuditChains } from './20261202000000-audit-chains';
import { Migration20261203120000LexiconMatchMode } from './20261203120000-lexicon-match-mode';
import { Migration20261204000000ItemSearch } from './20261204000000-item-search';
import { Migration20261204010000HitDispositions } from './20261204010000-hit-dispositions';
import { Migration20261204020000SessionsAndPeople } from './20261204020000-sessions-and-people';
import { Migration20261204030000Notifications } from './20261204030000-notifications';
import { Migration20261204040000DeadlinesClaims } from './20261204040000-deadlines-claims';
import { Migration20261205000000HitSummary } from './20261205000000-hit-summary';

/** Listed by hand so migrations run the same from ts-jest and from dist, with no glob. */
export const MIGRATIONS = [
  { name: 'Migration20261127000000Initial', class: Migration20261127000000Initial },
  { name: 'Migration20261127010000Publishing', class: Migration20261127010000Publishing },
  { name: 'Migration20261127030000ReportIndexes', class: Migration20261127030000ReportIndexes },
  { name: 'Migration20261127040000Lexicon', class: Migration20261127040000Lexicon },
  { name: 'Migration20261128000000Access', class: Migration20261128000000Access },
  { name: 'Migration20261129000000Attachments', class: Migration20261129000000Attachments },
  { name: 'Migration20261201000000SealedSecrets', class: Migration20261201000000SealedSecrets },
  { name: 'Migration20261202000000AuditChains', class: Migration20261202000000AuditChains },
  { name: 'Migration20261203120000LexiconMatchMode', class: Migration20261203120000LexiconMatchMode },
  { name: 'Migration20261204000000ItemSearch', class: Migration20261204000000ItemSearch },
  { name: 'Migration20261204010000HitDispositions', class: Migration20261204010000HitDispositions },
  { name: 'Migration20261204020000SessionsAndPeople', class: Migration20261204020000SessionsAndPeople },
  { name: 'Migration20261204030000Notifications', class: Migration20261204030000Notifications },
  { name: 'Migration20261204040000DeadlinesClaims', class: Migration20261204040000DeadlinesClaims },
  { name: 'Migration20261205000000HitSummary', class: Migration20261205000000HitSummary },
];
