import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DECISIONS, Decision, DISPOSITION_OUTCOMES, DispositionOutcome } from '@clearance/workflow';

/** What the reviewer found one hit to be: 已核实可公开 (verified) or 误报 (false-positive). */
export class DispositionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  hitId!: string;

  @IsIn(DISPOSITION_OUTCOMES, { message: `outcome must be one of ${DISPOSITION_OUTCOMES.join(', ')}` })
  outcome!: DispositionOutcome;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

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

  /** Required at 初审 before approving for every review-level hit; optional elsewhere (the leader and chief may add theirs). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => DispositionDto)
  dispositions?: DispositionDto[];
}

/** A written reason: override, return, recall. */
export class ReasonDto {
  @IsString()
  @MaxLength(4000)
  comment!: string;
}

/**
 * Lifting a block: the reason, and the marking that blocked the item typed back as the second confirmation
 * (the page asks 「我确认解除『机密★』标志的拦截」). Required when the block came from a classified marking.
 */
export class OverrideDto extends ReasonDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  confirmMarking?: string;
}

/** 不予公开: the reason the item will not be published, sent to the CMS. */
export class WithholdDto extends ReasonDto {}
