import { Module } from '@nestjs/common';
import { AttachmentExtractor } from './attachment-extractor';
import { AttachmentsService } from './attachments.service';
import { BLOB_STORE, DatabaseBlobStore } from './blob-store';
import { MultipartItemInterceptor } from './multipart-item.interceptor';

/** Attachments: intake (JSON base64 or multipart), content-addressed storage behind BLOB_STORE, and isolated extraction. */
@Module({
  providers: [{ provide: BLOB_STORE, useClass: DatabaseBlobStore }, AttachmentsService, AttachmentExtractor, MultipartItemInterceptor],
  exports: [BLOB_STORE, AttachmentsService, AttachmentExtractor, MultipartItemInterceptor],
})
export class AttachmentsModule {}
