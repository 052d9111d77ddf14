import { Body, Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { ReceivedFile } from '../attachments/attachment-upload';
import { MultipartItemInterceptor } from '../attachments/multipart-item.interceptor';
import { Auth } from '../auth/auth.decorators';
import { ScanDraftDto } from '../items/dto/scan-draft.dto';
import { ScanService } from './scan.service';

@Controller('api/v1/scan')
export class ScanController {
  constructor(private readonly scans: ScanService) {}

  /** Scans a draft, with its attachments (JSON base64 or multipart), and stores nothing, so a CMS editor can check before submitting. */
  @Post()
  @HttpCode(200)
  @Auth('client', 'user')
  @UseInterceptors(MultipartItemInterceptor)
  scan(@Body() dto: ScanDraftDto, @UploadedFiles() files: ReceivedFile[] | undefined) {
    return this.scans.scanDraft(dto, files);
  }
}
