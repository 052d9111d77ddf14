import { DecideDto } from '../reviews/dto/decide.dto';
import { QueueQueryDto } from '../reviews/dto/queue-query.dto';
import { SubmitItemDto } from '../items/dto/submit-item.dto';
import { dtoSchema } from './dto-schema';

describe('dtoSchema', () => {
  const refFor = (nested: { name: string }) => ({ $ref: `#/components/schemas/${nested.name}` });

  it('reads types, limits, enums, patterns, optional fields and nested DTOs from class-validator', () => {
    const sut = dtoSchema(SubmitItemDto, refFor);
    expect(sut.required).toEqual(['externalId', 'unit', 'title', 'body', 'format', 'channels']);
    expect(sut.additionalProperties).toBe(false);
    const p = sut.properties as Record<string, Record<string, unknown>>;
    expect(p.externalId).toEqual({ type: 'string', minLength: 1, maxLength: 200 });
    expect(p.format).toEqual({ enum: ['text', 'html'] });
    expect(p.channels).toMatchObject({ type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } });
    expect(p.author).toEqual({ $ref: '#/components/schemas/AuthorDto' });
    expect(p.callbackUrl).toMatchObject({ type: 'string', format: 'uri', maxLength: 2000 });
  });

  it('documents integers with their bounds and optional hashes', () => {
    const p = dtoSchema(DecideDto, refFor).properties as Record<string, Record<string, unknown>>;
    expect(p.revision).toEqual({ type: 'integer', minimum: 1, maximum: 2_147_483_647 });
    expect(p.contentHash).toEqual({ pattern: '^[0-9a-f]{64}$' });
    expect(dtoSchema(QueueQueryDto, refFor).required).toBeUndefined();
  });
});
