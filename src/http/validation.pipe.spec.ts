import { BadRequestException } from '@nestjs/common';
import { DomainError } from '@clearance/workflow';
import { SubmitItemDto } from '../items/dto/submit-item.dto';
import { QueueQueryDto } from '../reviews/dto/queue-query.dto';
import { InputValidationPipe } from './validation.pipe';

const valid = { externalId: 'e1', unit: 'u1', title: '通知', body: '正文', format: 'text', channels: ['portal'] };

async function refusal(value: unknown, metatype: new () => object = SubmitItemDto, type: 'body' | 'query' = 'body'): Promise<Record<string, unknown>> {
  const sut = new InputValidationPipe();
  try {
    await sut.transform(value, { type, metatype });
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse() as Record<string, unknown>;
    if (error instanceof DomainError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('not refused');
}

describe('InputValidationPipe', () => {
  it('passes a valid body through as the DTO', async () => {
    const dto = await new InputValidationPipe().transform(valid, { type: 'body', metatype: SubmitItemDto });
    expect(dto).toBeInstanceOf(SubmitItemDto);
  });

  it('refuses unknown fields by name, also nested', async () => {
    expect(await refusal({ ...valid, callbackURL: 'http://x' })).toMatchObject({ field: 'callbackURL', message: 'callbackURL is not a field of this request (names are case-sensitive)' });
    expect(await refusal({ ...valid, author: { id: 'a', name: 'b', x: 1 } })).toMatchObject({ field: 'author.x' });
    expect(await refusal({ limit: '5', page: '2' }, QueueQueryDto, 'query')).toMatchObject({ field: 'page' });
  });

  it('gives one reason per field, "required" for a missing one, in declaration order', async () => {
    const { externalId: _e, title: _t, ...rest } = valid;
    const response = await refusal({ ...rest, channels: ['Bad Name', 'portal'], format: 1 });
    expect(response.fields).toEqual([
      { field: 'externalId', reason: 'externalId is required' },
      { field: 'title', reason: 'title is required' },
      { field: 'format', reason: expect.stringMatching(/^format must be one of/) },
      { field: 'channels', reason: expect.any(String) },
    ]);
  });

  it('checks the shape and the text before class-validator sees the value', async () => {
    expect(await refusal([valid])).toEqual({ message: 'the body must be a JSON object', field: undefined });
    expect(await refusal({ ...valid, title: 'a\ud800' })).toMatchObject({ field: 'title' });
    const deep = JSON.parse('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)) as unknown;
    expect(await refusal(deep)).toEqual({ message: 'the body is nested more than 32 levels', field: undefined });
  });
});
