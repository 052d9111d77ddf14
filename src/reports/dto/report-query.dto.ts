import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsReportBoundInRange } from '../../http/service-dates';

/** `from` / `to`: dates (whole days, UTC+8) or timestamps with a zone; their form is checked by reportPeriod. */
export class ReportQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsReportBoundInRange()
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsReportBoundInRange()
  to?: string;
}
