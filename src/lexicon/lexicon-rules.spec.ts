import { DomainError, ForbiddenActError } from '@clearance/workflow';
import type { UserPrincipal } from '../auth/principal';
import { assertMayChangeLexicon, assertMayReadLexicon, checkNote, checkTermInput } from './lexicon-rules';

const user = (roles: UserPrincipal['roles'], unitCode = 'u1'): UserPrincipal => ({ kind: 'user', userId: 'x', username: 'x', roles, unitId: 'id', unitCode });

describe('who may read and change the lexicon', () => {
  it('lets only secrecy administrators read it', () => {
    expect(() => assertMayReadLexicon(user(['admin']))).not.toThrow();
    for (const role of ['filler', 'leader', 'chief'] as const) expect(() => assertMayReadLexicon(user([role]))).toThrow(ForbiddenActError);
  });

  it('lets any secrecy administrator change it when no units are named', () => {
    expect(() => assertMayChangeLexicon(user(['admin']), [])).not.toThrow();
    expect(() => assertMayChangeLexicon(user(['chief', 'leader']), [])).toThrow(ForbiddenActError);
  });

  it('lets only the named units\' secrecy administrators change it when units are named', () => {
    expect(() => assertMayChangeLexicon(user(['admin'], 'bmb'), ['bmb'])).not.toThrow();
    expect(() => assertMayChangeLexicon(user(['admin'], 'u1'), ['bmb'])).toThrow('only secrecy administrators of bmb may change it');
    expect(() => assertMayChangeLexicon(user(['chief'], 'bmb'), ['bmb'])).toThrow(ForbiddenActError);
  });
});

describe('term input', () => {
  it('turns an entry rule into a 400 naming the field', () => {
    expect(() => checkTermInput({ term: '演习坐标', category: 'secret', severity: 'block' })).toThrow(expect.objectContaining({ kind: 'invalid', field: 'category' }));
    expect(() => checkTermInput({ term: '演'.repeat(65), category: 'sensitive-term', severity: 'block' })).toThrow(expect.objectContaining({ kind: 'invalid', field: 'term' }));
  });

  it('requires a note of bounded length', () => {
    expect(checkNote(' 演练方案泄露风险 ')).toBe('演练方案泄露风险');
    expect(() => checkNote('  ')).toThrow(DomainError);
    expect(() => checkNote(undefined)).toThrow(expect.objectContaining({ field: 'note' }));
    expect(() => checkNote('说'.repeat(1001))).toThrow(expect.objectContaining({ field: 'note' }));
  });
});
