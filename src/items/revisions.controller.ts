import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { WholeNumberPipe } from '../http/whole-number.pipe';
import { DiffQueryDto, HitPageQueryDto } from './dto/revision-query.dto';
import { RevisionsService } from './revisions.service';

const ItemId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** 修订版本: every revision of an item, any one of them in full, a diff between two, and a rule's hits page by page. */
@Controller('api/v1/items')
@Auth('client', 'user')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Get(':id/revisions')
  list(@CurrentPrincipal() principal: Principal, @ItemId() id: string) {
    return this.revisions.list(principal, id);
  }

  @Get(':id/revisions/:number')
  get(@CurrentPrincipal() principal: Principal, @ItemId() id: string, @Param('number', new WholeNumberPipe('number')) number: number) {
    return this.revisions.get(principal, id, number);
  }

  /** 对比: title and body (and the text of attachments that changed), with each side's hits. */
  @Get(':id/diff')
  diff(@CurrentPrincipal() principal: Principal, @ItemId() id: string, @Query() query: DiffQueryDto) {
    return this.revisions.diff(principal, id, query.from, query.to);
  }

  @Get(':id/hits')
  hits(@CurrentPrincipal() principal: Principal, @ItemId() id: string, @Query() query: HitPageQueryDto) {
    return this.revisions.hits(principal, id, query.rule, query.offset ?? 0, query.limit, query.revision);
  }
}
