import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_CLAIM_MINUTES } from '../claims.service';

export class ClaimDto {
  /** How long the claim holds; 30 minutes unless given. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CLAIM_MINUTES)
  minutes?: number;
}
