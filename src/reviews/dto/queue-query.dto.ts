import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../http/page-query.dto';
import { isServiceInstant } from '../../http/service-dates';

/** A cursor this service returned: base64url JSON {at, id} naming an instant the databases can compare with. */
function isQueueCursor(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (!cursor || typeof cursor !== 'object') return false;
    const { at, id } = cursor as Record<string, unknown>;
    return typeof at === 'string' && typeof id === 'string' && id.length <= 64 && /^[0-9a-f-]*$/i.test(id) && isServiceInstant(new Date(at));
  } catch {
    return false;
  }
}

export class QueueQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ValidateBy({ name: 'isQueueCursor', validator: { validate: isQueueCursor, defaultMessage: () => 'cursor is not a cursor this service returned' } })
  cursor?: string;
}
