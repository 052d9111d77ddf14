import { DomainError } from '@clearance/workflow';
import { assertCleanInput, assertJsonObject, MAX_CONTAINERS, MAX_NESTING, textProblem } from './input-rules';

const refusal = (run: () => void): { message: string; field?: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('not refused');
};

describe('input rules', () => {
  it('finds NUL and lone surrogates, and lets surrogate pairs and other text through', () => {
    expect(textProblem('关于😀𠮷的通知')).toBeNull();
    expect(textProblem('\ud83d\ude00')).toBeNull();
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/U\+D800 at character 0/);
    expect(textProblem('x\udc00')).toMatch(/U\+DC00 at character 1/);
    expect(textProblem('\ude00\ud83d')).toMatch(/U\+DE00/);
    expect(textProblem('\ud83d\ude00\ud83d')).toMatch(/U\+D83D at character 2/);
  });

  it('names the field of the first bad string, through objects and arrays', () => {
    expect(refusal(() => assertCleanInput({ title: 'ok', attachments: [{ filename: 'a' }, { filename: 'b\u0000' }] }, '', 'body')))
      .toEqual({ message: 'attachments[1].filename must not contain NUL (U+0000)', field: 'attachments[1].filename' });
    expect(refusal(() => assertCleanInput('a\ud800', ':id', 'path')).field).toBe(':id');
    expect(refusal(() => assertCleanInput({ ['k\u0000']: 1 }, '', 'body')).message).toBe('a field name in the body must not contain NUL (U+0000)');
    expect(() => assertCleanInput({ a: [1, 'x', null, true, { b: '中文' }] }, '', 'body')).not.toThrow();
  });

  it('refuses nesting past the limit without recursing, however deep', () => {
    const at = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    expect(() => assertCleanInput(at(MAX_NESTING), '', 'body')).not.toThrow();
    expect(refusal(() => assertCleanInput(at(MAX_NESTING + 1), '', 'body'))).toEqual({ message: 'the body is nested more than 32 levels', field: undefined });
    expect(refusal(() => assertCleanInput(at(200_000), '', 'body')).message).toMatch(/nested more than/);
  });

  it('refuses more arrays and objects than any request needs, before walking them all', () => {
    const wide = (n: number) => JSON.parse(`[${Array(n).fill('{}').join(',')}]`) as unknown;
    expect(() => assertCleanInput(wide(MAX_CONTAINERS - 1), '', 'body')).not.toThrow();
    expect(refusal(() => assertCleanInput(wide(1_000_000), '', 'body')).message).toBe('the body holds more than 10000 arrays and objects');
  });

  it('takes only a JSON object as a body', () => {
    for (const body of [undefined, null, [], [1], 5, 'x', true, Buffer.from('{}')]) {
      expect(refusal(() => assertJsonObject(body)).message).toBe('the body must be a JSON object');
    }
    expect(() => assertJsonObject({})).not.toThrow();
  });
});
