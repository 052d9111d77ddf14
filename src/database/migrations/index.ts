import { Migration20261127000000Initial } from './20261127000000-initial';
import { Migration20261127010000Publishing } from './20261127010000-publishing';
import { Migration20261127030000ReportIndexes } from './20261127030000-report-indexes';
import { Migration20261127040000Lexicon } from './20261127040000-lexicon';
import { Migration20261128000000Access } from './20261128000000-access';
import { Migration20261129000000Attachments } from './20261129000000-attachments';
import { Migration20261201000000SealedSecrets } from './20261201000000-sealed-secrets';
import { Migration20261202000000AuditChains } from './20261202000000-audit-chains';
import { Migration20261203120000LexiconMatchMode } from './20261203120000-lexicon-match-mode';

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
];
