import { defaultLexicon, loadLexiconFile, parseLexicon } from './lexicon-parser';
import { LexiconError } from './lexicon-error';
import { lexiconVersion } from './lexicon-version';

describe('parseLexicon', () => {
  it('parses entries, allow phrases, comments and blank lines', () => {
    const sut = parseLexicon('# comment\n\n兵力部署\tsensitive-term\tblock\n密电\tsensitive-term\treview\t密电报|普通密电\r\n');
    expect(sut).toEqual([
      { term: '兵力部署', category: 'sensitive-term', severity: 'block' },
      { term: '密电', category: 'sensitive-term', severity: 'review', allow: ['密电报', '普通密电'] },
    ]);
  });

  it.each([
    ['a\tsensitive-term', 'x.tsv:1: expected term<TAB>category<TAB>severity, found 2 fields'],
    ['# c\na\tsecret\tblock', 'x.tsv:2: unknown category "secret" (expected one of classified-marking, internal-marking, personal-info, process-info, sensitive-term)'],
    ['a\tsensitive-term\tfatal', 'x.tsv:1: unknown severity "fatal" (expected one of block, review, info)'],
    ['\tsensitive-term\tblock', 'x.tsv:1: empty term'],
    ['a\tsensitive-term\tblock\n\na\tsensitive-term\treview', 'x.tsv:3: duplicate term "a" (first on line 1)'],
    ['a\tsensitive-term\tblock\tb', 'x.tsv:1: allow phrase "b" does not contain the term "a"'],
    ['a\tsensitive-term\tblock\tab||ca', 'x.tsv:1: empty allow phrase'],
    ['a\tsensitive-term\tblock\tab\tca', 'x.tsv:1: unknown match mode "ca" (expected one of substring, word); allow phrases are separated by |, not tabs'],
    ['a\tsensitive-term\tblock\tab\tca\tword', 'x.tsv:1: too many fields (6); allow phrases are separated by |, not tabs'],
  ])('rejects %j', (text, message) => {
    expect(() => parseLexicon(text, 'x.tsv')).toThrow(new LexiconError('x.tsv', Number(message.split(':')[1]), message.split(': ').slice(1).join(': ')));
    expect(() => parseLexicon(text, 'x.tsv')).toThrow(message);
  });

  it('reads the match mode after the allow phrases, which may be empty', () => {
    expect(parseLexicon('密电\tsensitive-term\tblock\t\tword\n代号甲\tsensitive-term\treview\t代号甲乙\tsubstring\n')).toEqual([
      { term: '密电', category: 'sensitive-term', severity: 'block', match: 'word' },
      { term: '代号甲', category: 'sensitive-term', severity: 'review', allow: ['代号甲乙'] },
    ]);
  });

  it('names a missing file', () => {
    expect(() => loadLexiconFile('/no/such/lexicon.tsv')).toThrow('no such file: /no/such/lexicon.tsv');
  });

  it('ships a valid default lexicon', () => {
    expect(defaultLexicon().length).toBeGreaterThan(20);
  });
});

describe('lexiconVersion', () => {
  it('depends on the entries, not their order', () => {
    const a = { term: 'a', category: 'sensitive-term', severity: 'block' } as const;
    const b = { term: 'b', category: 'sensitive-term', severity: 'review' } as const;
    expect(lexiconVersion([a, b])).toBe(lexiconVersion([b, a]));
    expect(lexiconVersion([a, b])).not.toBe(lexiconVersion([a, { ...b, severity: 'block' }]));
    expect(lexiconVersion([a, b])).not.toBe(lexiconVersion([a, { ...b, match: 'word' }]));
  });
});
