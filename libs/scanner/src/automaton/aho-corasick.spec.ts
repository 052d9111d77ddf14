import { AhoCorasick, MatchSink } from './aho-corasick';

function findAll(patterns: string[], text: string): string[] {
  const sut = AhoCorasick.compile(patterns);
  const sink = new MatchSink();
  sut.findAll(Uint16Array.from({ length: text.length }, (_, k) => text.charCodeAt(k)), text.length, sink);
  const out: string[] = [];
  for (let k = 0; k < sink.size; k += 2) {
    const p = patterns[sink.data[k]];
    out.push(`${p}@${sink.data[k + 1] - p.length}`);
  }
  return out.sort();
}

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  for (const p of patterns) for (let k = text.indexOf(p); k >= 0; k = text.indexOf(p, k + 1)) out.push(`${p}@${k}`);
  return out.sort();
}

describe('AhoCorasick', () => {
  it('finds nested and overlapping matches', () => {
    const patterns = ['he', 'she', 'his', 'hers', '国家秘密', '秘密', '家秘', '密'];
    const text = 'ushers 保守国家秘密法 秘密密';
    expect(findAll(patterns, text)).toEqual(naive(patterns, text));
    expect(findAll(patterns, text)).toEqual(expect.arrayContaining(['she@1', 'he@2', 'hers@2', '国家秘密@9', '秘密@11', '家秘@10']));
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'ab机密\ud83d\ude00';
    const word = (len: number): string => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + rnd(20) }, () => word(1 + rnd(5))))];
      const text = word(200);
      expect(findAll(patterns, text)).toEqual(naive(patterns, text));
    }
  });

  it('finds the same pairs in the same order with interleaved walks, across the cuts and over joins', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'ab机密国家\n';
    const word = (len: number): string => Array.from({ length: len }, () => alphabet[rnd(alphabet.length - 1)]).join('');
    const pairs = (sink: MatchSink): string[] => Array.from({ length: sink.size / 2 }, (_, k) => `${sink.data[2 * k]}@${sink.data[2 * k + 1]}`);
    for (let round = 0; round < 30; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + rnd(30) }, () => word(1 + rnd(round % 3 === 0 ? 40 : 6))))];
      const sut = AhoCorasick.compile(patterns);
      const text = word(1024 + rnd(3000));
      const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
      const one = new MatchSink();
      sut.findAll(units, units.length, one);
      const four = new MatchSink();
      sut.findAllIn(units, units.length, four);
      expect(pairs(four)).toEqual(pairs(one));

      // Joins: line breaks put in and stepped over; every end moves by the units put in before it.
      const joins: number[] = [];
      let withBreaks = '';
      const shift: number[] = [0];
      for (let k = 0; k < text.length; k++) {
        if (k > 0 && rnd(50) === 0) {
          joins.push(withBreaks.length, withBreaks.length + 1);
          withBreaks += '\n';
        }
        withBreaks += text[k];
        shift.push(withBreaks.length);
      }
      const joined = new MatchSink();
      sut.findAllIn(Uint16Array.from(withBreaks, (c) => c.charCodeAt(0)), withBreaks.length, joined, joins);
      expect(pairs(joined)).toEqual(pairs(one).map((p) => p.replace(/@(\d+)$/, (_, e: string) => `@${shift[Number(e)]}`)));
    }
  });

  it('handles a node with many children (binary search path)', () => {
    const patterns = Array.from({ length: 300 }, (_, k) => `x${String.fromCharCode(0x4e00 + k * 7)}`);
    const text = patterns.filter((_, k) => k % 3 === 0).join('');
    expect(findAll(patterns, text)).toEqual(naive(patterns, text));
  });

  it('rejects empty and duplicate patterns', () => {
    expect(() => AhoCorasick.compile([''])).toThrow('empty pattern');
    expect(() => AhoCorasick.compile(['ab', 'ab'])).toThrow('duplicate pattern: ab');
  });
});
