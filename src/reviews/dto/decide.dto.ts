import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
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
  revision!: number;
}

/** A written reason: override, return, recall. */
export class ReasonDto {
  @IsString()
  @MaxLength(4000)
  comment!: string;
}
