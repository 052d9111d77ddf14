import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DECISIONS, Decision } from '@clearance/workflow';

export class DecideDto {
  @IsIn(DECISIONS)
  decision!: Decision;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  revision!: number;

  /** The content hash the reviewer saw; when given, a decision on other content is refused. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be the 64 hex digits of a sha256' })
  contentHash?: string;
}

/** A written reason: override, return, recall. */
export class ReasonDto {
  @IsString()
  @MaxLength(4000)
  comment!: string;
}
