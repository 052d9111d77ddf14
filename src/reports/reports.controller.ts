import { Controller, Get, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ReportQueryDto } from './dto/report-query.dto';
import { ReportsService } from './reports.service';

@Controller('api/v1/reports')
@Auth('user')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The caller's unit: where its items stand and what the period brought. */
  @Get('summary')
  summary(@CurrentPrincipal() user: UserPrincipal, @Query() query: ReportQueryDto) {
    return this.reports.unitReport(user, query.from, query.to);
  }
}
