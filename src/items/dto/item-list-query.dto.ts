import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';
import { ITEM_STATES } from '@clearance/workflow';
import { CATEGORIES } from '@clearance/scanner';
import { IsReportBoundInRange } from '../../http/service-dates';

export const LIST_VIEWS = ['all', 'done', 'mine'] as const;
export type ListView = (typeof LIST_VIEWS)[number];
export const LIST_SORTS = ['submitted', 'updated'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const LIST_LEVELS = ['filler', 'leader', 'chief', 'admin'] as const;
export const LIST_VERDICTS = ['pass', 'review', 'block'] as const;

/** Comma-separated states, each a state the service knows. */
function isStateList(value: unknown): boolean {
  return typeof value === 'string' && value.split(',').every((s) => (ITEM_STATES as readonly string[]).includes(s.trim()));
}

/**
 * GET /api/v1/items: the unit's items, filtered and paged. `from`/`to` bound the current revision's submission
 * time (submittedAt): dates are whole days in UTC+8 (`to` included), timestamps need a zone (`to` excluded).
 */
export class ItemListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(LIST_VIEWS, { message: `view must be one of ${LIST_VIEWS.join(', ')}` })
  view?: ListView;

  @IsOptional()
  @IsString()
  @MaxLength(400)
  @ValidateBy({ name: 'isStateList', validator: { validate: isStateList, defaultMessage: () => `state must be one or more (comma-separated) of ${ITEM_STATES.join(', ')}` } })
  state?: string;

  @IsOptional()
  @IsIn(LIST_LEVELS, { message: `level must be one of ${LIST_LEVELS.join(', ')}` })
  level?: (typeof LIST_LEVELS)[number];

  @IsOptional()
  @IsIn(LIST_VERDICTS, { message: `verdict must be one of ${LIST_VERDICTS.join(', ')}` })
  verdict?: (typeof LIST_VERDICTS)[number];

  @IsOptional()
  @IsIn(CATEGORIES, { message: `category must be one of ${CATEGORIES.join(', ')}` })
  category?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'channel must be a channel name (letters, digits, . _ -)' })
  channel?: string;

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

  /** Free text over the current revision's title and body: every whitespace-separated term must occur. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(LIST_SORTS, { message: `sort must be one of ${LIST_SORTS.join(', ')}` })
  sort?: ListSort;

  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor this service returned' })
  cursor?: string;
}
