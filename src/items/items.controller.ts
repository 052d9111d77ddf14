import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import type { ReceivedFile } from '../attachments/attachment-upload';
import { MultipartItemInterceptor } from '../attachments/multipart-item.interceptor';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { ClientPrincipal, Principal } from '../auth/principal';
import { WholeNumberPipe } from '../http/whole-number.pipe';
import { SubmitItemDto } from './dto/submit-item.dto';
import { ItemsService } from './items.service';

@Controller('api/v1/items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  /** 202 when a new revision was accepted for review; 200 when the same content was already there. JSON, or multipart with files. */
  @Post()
  @Auth('client')
  @UseInterceptors(MultipartItemInterceptor)
  async submit(
    @CurrentPrincipal() client: ClientPrincipal,
    @Body() dto: SubmitItemDto,
    @UploadedFiles() files: ReceivedFile[] | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, ...result } = await this.items.submit(client, dto, files);
    response.status(created ? 202 : 200);
    return result;
  }

  @Get(':id')
  @Auth('client', 'user')
  view(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.items.view(principal, id);
  }

  /** The text the scanner read from one attachment of the current revision, part by part. */
  @Get(':id/attachments/:index/parts')
  @Auth('client', 'user')
  parts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Param('index', new WholeNumberPipe('index')) index: number,
  ) {
    return this.items.attachmentParts(principal, id, index);
  }
}
