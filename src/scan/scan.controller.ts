import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { Auth } from '../auth/auth.decorators';
import { ScanDraftDto } from '../items/dto/scan-draft.dto';
import { MAX_BODY_BYTES } from '../items/items.service';
import { ScannerService } from './scanner.service';

@Controller('api/v1/scan')
export class ScanController {
  constructor(private readonly scanner: ScannerService) {}

  /** Scans a draft and stores nothing, so a CMS editor can check before submitting. */
  @Post()
  @HttpCode(200)
  @Auth('client', 'user')
  scan(@Body() dto: ScanDraftDto) {
    if (Buffer.byteLength(dto.body, 'utf8') > MAX_BODY_BYTES) throw new DomainError('too_large', `body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
    return this.scanner.scan({ title: dto.title, body: dto.body, format: dto.format ?? 'text' });
  }
}
