import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `from` / `to`: dates (whole days, UTC+8) or timestamps with a zone; checked by reportPeriod. */
export class ReportQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;
}
