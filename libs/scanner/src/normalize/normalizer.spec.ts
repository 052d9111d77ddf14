import { AhoCorasick, IntList, MatchSink } from '../automaton/aho-corasick';
import { matchStart, normalize, normalizeAndMatch, sourceEnd, sourceStart } from './normalizer';

describe('normalize', () => {
  it.each([
    ['full width to half width', 'ＡＢＣ１２３：', 'abc123:'],
    ['traditional to simplified', '機密、絕密、祕密、內部資料', '机密、绝密、秘密、内部资料'],
    ['case fold', 'MiXeD', 'mixed'],
    ['ideographic space between CJK', '密\u3000级', '密级'],
    ['zero-width anywhere', '1\u200b2机\u200d密', '12机密'],
    ['up to three noise characters between CJK', '机*_·密', '机密'],
    ['four noise characters are kept', '机* * 密', '机* * 密'],
    ['noise next to a non-CJK character is kept', '机密 10 年', '机密 10 年'],
    ['no skipping across sentence punctuation', '机。 密', '机。 密'],
    ['NFKC expansion', '㈱', '(株)'],
    ['astral characters pass through', '😀机密', '😀机密'],
    ['mathematical letters fold', '𝐀', 'a'],
  ])('%s', (_, input, expected) => {
    const sut = normalize(input);
    expect(sut.text).toBe(expected);
    expect(sut.length).toBe(expected.length);
  });

  it('maps every normalised range back to the source', () => {
    const source = 'Ｘ机 \u200b密★😀㈱十年';
    const sut = normalize(source);
    expect(sut.text).toBe('x机密★😀(株)十年');
    const at = sut.text.indexOf('机密');
    expect(source.slice(sourceStart(sut, at), sourceEnd(sut, at + 2))).toBe('机 \u200b密');
    const emoji = sut.text.indexOf('😀');
    expect(source.slice(sourceStart(sut, emoji), sourceEnd(sut, emoji + 2))).toBe('😀');
    const kabu = sut.text.indexOf('(株)');
    expect(source.slice(sourceStart(sut, kabu), sourceEnd(sut, kabu + 3))).toBe('㈱');
    expect(source.slice(sourceStart(sut, kabu + 1), sourceEnd(sut, kabu + 2))).toBe('㈱');
  });

  it.each([
    ['a line break inside a word', '机\n密★', '机\n密★', [1, 2]],
    ['spaces and CRLF around it', '机 \r\n\u3000密', '机 \r\n 密', [1, 5]],
    ['two line breaks (</p><p>)', '兵力\n\n部署', '兵力\n\n部署', [2, 4]],
    ['three line breaks: a section apart', '兵力\n\n\n部署', '兵力\n\n\n部署', []],
    ['punctuation before the break', '机。\n密', '机。\n密', []],
    ['a letter after the break', '机\na密', '机\na密', []],
  ])('keeps line breaks, stepping the automaton over those between CJK characters: %s', (_, input, text, joins) => {
    const sut = normalize(input);
    expect(sut.text).toBe(text);
    expect(sut.joins).toEqual(joins);
  });

  it('matches across a join, starting where the match starts', () => {
    const automaton = AhoCorasick.compile(['机密', '密级']);
    const sink = new MatchSink();
    const doc = normalizeAndMatch('绝密、机\n密级', automaton, sink, new IntList());
    const found: string[] = [];
    for (let k = 0; k < sink.size; k += 2) {
      const end = sink.data[k + 1];
      const start = matchStart(doc, end, automaton.patterns[sink.data[k]].length);
      found.push(doc.text.slice(start, end));
    }
    expect(found).toEqual(['机\n密', '密级']);
  });

  it('handles the empty string and a lone surrogate', () => {
    expect(normalize('').text).toBe('');
    const sut = normalize('a\ud800b');
    expect(sut.length).toBe(3);
    expect(sourceEnd(sut, 2)).toBe(2);
  });
});
