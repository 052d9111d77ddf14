import { Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Auth, CurrentPrincipal } from '../../auth/auth.decorators';
import type { UserPrincipal } from '../../auth/principal';
import { AttachmentDownloadsService } from './attachment-downloads.service';
import { attachmentDownload } from './attachment-response';

/** Express answers HEAD with the GET handler: a HEAD is checked like a download but is not recorded as one. */
const isDownload = (request: Request) => request.method !== 'HEAD';

const Whole = (name: string) => Param(name, new ParseIntPipe({ errorHttpStatusCode: 404 }));

@Controller('api/v1')
export class AttachmentDownloadsController {
  constructor(private readonly downloads: AttachmentDownloadsService) {}

  /** A channel's link from its release: no credentials but the signature, which only that channel's secret makes. */
  @Get('releases/:deliveryId/attachments/:index')
  async forChannel(
    @Param('deliveryId') deliveryId: string,
    @Param('index') index: string,
    @Query('item') item: string | undefined,
    @Query('revision') revision: string | undefined,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return attachmentDownload(response, await this.downloads.forChannel({ deliveryId, index, item, revision, expires, signature }, isDownload(request)));
  }

  /** 下载原件 on the reviewer page: any revision of an item the reviewer may see. */
  @Get('items/:id/revisions/:n/attachments/:index')
  @Auth('user')
  async forReviewer(
    @CurrentPrincipal() user: UserPrincipal,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Whole('n') revision: number,
    @Whole('index') index: number,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return attachmentDownload(response, await this.downloads.forReviewer(user, id, revision, index, isDownload(request)));
  }
}
