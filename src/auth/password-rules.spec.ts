import { passwordProblem } from './password-rules';

describe('passwordProblem', () => {
  const sut = passwordProblem;

  it.each([
    ['correct-horse-9', null],
    ['abcdefg1', null],
    ['审核密码2026年', null],
    ['abc1', /at least 8/],
    ['abcdefgh', /two of letters, digits/],
    ['12345678', /two of letters, digits/],
    ['x'.repeat(256) + '1', /at most 256/],
  ])('%s → %s', (password, problem) => {
    const answer = sut(password, 'zhang');
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toMatch(problem);
  });

  it('refuses the username itself, whatever its case', () => {
    expect(sut('Zhang.Wei1', 'zhang.wei1')).toMatch(/not be the username/);
  });
});
