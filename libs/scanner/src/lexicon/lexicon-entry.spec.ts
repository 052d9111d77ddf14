import { Scanner } from '../scanner';
import { checkLexiconEntry, LexiconEntryError, termKey } from './lexicon-entry';
import { parseLexicon } from './lexicon-parser';

describe('checkLexiconEntry', () => {
  const base = { term: '演习坐标', category: 'sensitive-term', severity: 'block' };

  it('trims the term and the allow phrases and drops repeated phrases', () => {
    expect(checkLexiconEntry({ ...base, term: ' 演习坐标 ', allow: [' 演习坐标公示 ', '演习坐标公示'] })).toEqual({ ...base, allow: ['演习坐标公示'] });
    expect(checkLexiconEntry({ ...base, allow: [] })).toEqual(base);
  });

  it.each([
    [{ term: '  ' }, 'term', 'empty term'],
    [{ term: '演'.repeat(65) }, 'term', 'term is longer than 64 characters'],
    [{ term: '\u200b \u3000—' }, 'term', 'has no letter or digit'],
    [{ term: '***' }, 'term', 'has no letter or digit'],
    [{ category: 'secret' }, 'category', 'unknown category "secret"'],
    // Where a hit sits and what could not be read are the scanner's to say, not a lexicon term's.
    [{ category: 'hidden-content' }, 'category', 'unknown category "hidden-content"'],
    [{ category: 'not-examined' }, 'category', 'unknown category "not-examined"'],
    [{ severity: 'fatal' }, 'severity', 'unknown severity "fatal" (expected one of block, review, info)'],
    [{ allow: ['坐标公示'] }, 'allow', 'allow phrase "坐标公示" does not contain the term "演习坐标"'],
    [{ allow: ['演习坐标公示', ' '] }, 'allow', 'empty allow phrase'],
    [{ allow: Array.from({ length: 51 }, (_, k) => `演习坐标${k}`) }, 'allow', 'more than 50 allow phrases'],
    [{ allow: [`演习坐标${'公'.repeat(200)}`] }, 'allow', 'is longer than 200 characters'],
    [{ match: 'exact' }, 'match', 'unknown match mode "exact" (expected one of substring, word)'],
  ])('refuses %j, naming the field', (change, field, reason) => {
    let error: unknown;
    try {
      checkLexiconEntry({ ...base, ...change }, { maxTermLength: 64, maxAllowPhrases: 50, maxAllowLength: 200 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LexiconEntryError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(reason);
  });

  it('accepts an allow phrase that contains the term once both are normalised (traditional, full width)', () => {
    expect(checkLexiconEntry({ ...base, term: '演習坐標', allow: ['演习坐标公示'] }).allow).toEqual(['演习坐标公示']);
    expect(checkLexiconEntry({ ...base, term: 'ABC密钥', allow: ['ａｂｃ密钥样例'] }).allow).toEqual(['ａｂｃ密钥样例']);
  });

  it('matches as a substring unless the entry opts into word matching', () => {
    expect(checkLexiconEntry({ ...base, match: 'word' })).toEqual({ ...base, match: 'word' });
    expect(checkLexiconEntry({ ...base, match: ' substring ' })).toEqual(base);
    expect(checkLexiconEntry({ ...base, match: '' })).toEqual(base);
  });

  it('applies no length limits unless given', () => {
    expect(checkLexiconEntry({ ...base, term: '演'.repeat(100) }).term).toHaveLength(100);
  });
});

describe('termKey', () => {
  it('gives spellings the scanner matches alike one key', () => {
    expect(termKey('機密資料')).toBe(termKey('机密资料'));
    expect(termKey('ＡＢＣ密钥')).toBe(termKey('abc密钥'));
    expect(termKey('机密资料')).not.toBe(termKey('机密文件'));
  });

  it('is what a scan matches: a traditional spelling in the text hits the simplified term', () => {
    const sut = Scanner.create({ includeDefault: false, keywords: 0, lexicons: [[{ term: '机密资料', category: 'sensitive-term', severity: 'block' }]] });
    expect(sut.scan({ body: '本文附有機密資料一份。' }).verdict).toBe('block');
  });
});

describe('parseLexicon with the entry rules', () => {
  it('refuses two spellings of one term in a file, naming both lines', () => {
    expect(() => parseLexicon('机密资料\tsensitive-term\tblock\n機密資料\tsensitive-term\treview', 'x.tsv')).toThrow('x.tsv:2: duplicate term "機密資料" (first on line 1)');
  });

  it('applies limits when given, naming the line', () => {
    expect(() => parseLexicon(`#\n${'演'.repeat(65)}\tsensitive-term\tblock`, 'x.tsv', { maxTermLength: 64 })).toThrow('x.tsv:2: term is longer than 64 characters');
  });
});
