import { Module } from '@nestjs/common';
import { ItemsModule } from '../../items/items.module';
import { AttachmentsModule } from '../attachments.module';
import { AttachmentDownloadsController } from './attachment-downloads.controller';
import { AttachmentDownloadsService } from './attachment-downloads.service';

/** Downloads of attachments: a channel's signed link from its release, and 下载原件 for the item's reviewers. */
@Module({
  imports: [ItemsModule, AttachmentsModule],
  controllers: [AttachmentDownloadsController],
  providers: [AttachmentDownloadsService],
})
export class AttachmentDownloadsModule {}
