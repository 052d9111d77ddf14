import { DomainError } from './domain-error';
import { checkDispositions } from './dispositions';

const all = new Set(['h1', 'h2', 'b1']);
const thrown = (fn: () => void): DomainError => {
  try { fn(); } catch (error) { return error as DomainError; }
  throw new Error('expected a refusal');
};

describe('checkDispositions', () => {
  it('refuses an approval at 初审 that leaves a review-level hit without a disposition, naming it', () => {
    const error = thrown(() => checkDispositions('filler', 'approve', ['h1', 'h2'], all, [{ hitId: 'h1', outcome: 'verified' }]));
    expect(error).toMatchObject({ kind: 'unprocessable', field: 'dispositions' });
    expect(error.message).toContain('h2');
  });

  it('accepts an approval at 初审 with every review-level hit recorded', () => {
    expect(() => checkDispositions('filler', 'approve', ['h1', 'h2'], all, [{ hitId: 'h1', outcome: 'verified' }, { hitId: 'h2', outcome: 'false-positive', note: '座机' }])).not.toThrow();
  });

  it('names unknown hits and refuses duplicates, at every level', () => {
    expect(thrown(() => checkDispositions('leader', 'approve', [], all, [{ hitId: 'nope', outcome: 'verified' }])).message).toContain('nope');
    expect(thrown(() => checkDispositions('chief', 'reject', [], all, [{ hitId: 'h1', outcome: 'verified' }, { hitId: 'h1', outcome: 'verified' }])).field).toBe('dispositions');
  });

  it('asks nothing of a rejection, of later levels, or of a revision without review-level hits', () => {
    expect(() => checkDispositions('filler', 'reject', ['h1'], all, [])).not.toThrow();
    expect(() => checkDispositions('leader', 'approve', ['h1'], all, [])).not.toThrow();
    expect(() => checkDispositions('filler', 'approve', [], all, [])).not.toThrow();
  });
});
