import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditCheckpointService], exports: [AuditService] })
export class AuditModule {}
