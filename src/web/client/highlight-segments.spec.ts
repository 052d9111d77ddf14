import { segmentsOf, Span } from './highlight-segments';

const pieces = (text: string, spans: Span[]) => segmentsOf(text.length, spans).map((s) => [text.slice(s.start, s.end), s.covering]);
const textOf = (text: string, spans: Span[], index: number) =>
  segmentsOf(text.length, spans).filter((s) => s.covering.includes(index)).map((s) => text.slice(s.start, s.end)).join('');

describe('segmentsOf', () => {
  it('keeps plain text in one piece and marks a single hit', () => {
    expect(pieces('联系电话13812345678。', [{ index: 0, start: 4, end: 15 }])).toEqual([
      ['联系电话', []],
      ['13812345678', [0]],
      ['。', []],
    ]);
  });

  it('splits nested hits so the inner part carries both, outer first', () => {
    const text = '附件：核心涉密人员名单';
    const spans = [{ index: 0, start: 5, end: 11 }, { index: 1, start: 3, end: 11 }];
    expect(pieces(text, spans)).toEqual([
      ['附件：', []],
      ['核心', [1]],
      ['涉密人员名单', [1, 0]],
    ]);
    expect(textOf(text, spans, 0)).toBe('涉密人员名单');
    expect(textOf(text, spans, 1)).toBe('核心涉密人员名单');
  });

  it('splits crossing hits into three highlighted segments', () => {
    const text = 'abcdef';
    const spans = [{ index: 0, start: 1, end: 4 }, { index: 1, start: 2, end: 6 }];
    expect(pieces(text, spans)).toEqual([
      ['a', []],
      ['b', [0]],
      ['cd', [0, 1]],
      ['ef', [1]],
    ]);
  });

  it('ignores spans outside the text or empty, and handles an empty text', () => {
    expect(pieces('abc', [{ index: 0, start: 2, end: 9 }, { index: 1, start: 1, end: 1 }])).toEqual([['abc', []]]);
    expect(segmentsOf(0, [])).toEqual([]);
  });

  it('keeps surrogate pairs whole when offsets are UTF-16 code units', () => {
    const text = '𠮷野家机密★10年';
    expect(textOf(text, [{ index: 0, start: 4, end: 10 }], 0)).toBe('机密★10年');
  });
});
