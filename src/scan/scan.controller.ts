import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Auth } from '../auth/auth.decorators';
import { ScanDraftDto } from '../items/dto/scan-draft.dto';
import { assertBodySize } from '../items/items.service';
import { ScannerService } from './scanner.service';

@Controller('api/v1/scan')
export class ScanController {
  constructor(private readonly scanner: ScannerService) {}

  /** Scans a draft and stores nothing, so a CMS editor can check before submitting. */
  @Post()
  @HttpCode(200)
  @Auth('client', 'user')
  scan(@Body() dto: ScanDraftDto) {
    assertBodySize(dto.body);
    return this.scanner.scan({ title: dto.title, body: dto.body, format: dto.format ?? 'text' });
  }
}
