import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_HIT_PAGE } from '../hit-groups';

const INT4_MAX = 2_147_483_647;

/** GET /items/:id/diff?from=1&to=2 */
export class DiffQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  from!: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  to!: number;
}

/** GET /items/:id/hits?rule=…&offset=&limit=&revision= : one page of one rule's hits. */
export class HitPageQueryDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  rule!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  offset?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HIT_PAGE)
  limit?: number;

  /** Absent: the current revision. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  revision?: number;
}
