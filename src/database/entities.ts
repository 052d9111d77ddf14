import { Blob } from '../attachments/entities/blob.entity';
import { RevisionAttachment } from '../attachments/entities/revision-attachment.entity';
import { ScanPart } from '../attachments/entities/scan-part.entity';
import { ApiClient } from '../auth/entities/api-client.entity';
import { Unit } from '../auth/entities/unit.entity';
import { User } from '../auth/entities/user.entity';
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditHead } from '../audit/audit-head.entity';
import { Decision } from '../items/entities/decision.entity';
import { Item } from '../items/entities/item.entity';
import { LexiconRevision } from '../lexicon/entities/lexicon-revision.entity';
import { LexiconTerm } from '../lexicon/entities/lexicon-term.entity';
import { Revision } from '../items/entities/revision.entity';
import { Scan } from '../items/entities/scan.entity';
import { Channel } from '../publishing/entities/channel.entity';
import { Delivery } from '../publishing/entities/delivery.entity';
import { DeliveryAttempt } from '../publishing/entities/delivery-attempt.entity';
import { Setting } from './setting.entity';

/** Every entity, listed once so the ORM, the CLI and the tests agree. */
export const ENTITIES = [Unit, User, ApiClient, Item, Revision, Scan, Decision, AuditEvent, AuditHead, AuditCheckpoint, Setting, Channel, Delivery, DeliveryAttempt, LexiconTerm, LexiconRevision, Blob, RevisionAttachment, ScanPart];
