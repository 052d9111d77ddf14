import { AhoCorasick, IntList, MatchSink } from '../automaton/aho-corasick';
import { normalizeAndMatch, normalizeOneByOne, sourceEnd, sourceStart, type NormalizedText, type UnitScratch } from './normalizer';

/** Plain CJK and ASCII, digits, noise, zero-width, line breaks, expansions, astral and lone surrogates. */
const PIECES = [
  '机', '密', '级', '兵', '力', '機', '內', 'a', 'Z', 'Ｑ', '0', '7', '１', '①', ' ', '\t', '\u3000', '*', '·', '—', '-',
  '\u200b', '\u00ad', '\n', '\r\n', '\r', '\u2028', '㈱', '⑴', 'ﬁ', '½', '😀', '𝐀', '\ud800', '\udc00', '\u0000', '，', '。', '★',
];

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

function randomText(r: (n: number) => number): string {
  let out = '';
  const pieces = 1 + r(r(4) === 0 ? 400 : 40);
  // Runs of one kind (CJK, digits, noise) as well as mixtures, so each loop starts and stops everywhere.
  for (let k = 0; k < pieces; k++) out += PIECES[r(PIECES.length)].repeat(r(5) === 0 ? 1 + r(6) : 1);
  return out;
}

function facts(doc: NormalizedText, runs: IntList): unknown {
  const starts = Array.from({ length: doc.length + 1 }, (_, i) => sourceStart(doc, i));
  const ends = Array.from({ length: doc.length + 1 }, (_, i) => sourceEnd(doc, i));
  return {
    text: doc.text,
    units: Array.from(doc.units.subarray(0, doc.length)),
    origin: Array.from(doc.origin),
    joins: doc.joins,
    runs: Array.from(runs.data.subarray(0, runs.size)),
    starts,
    ends,
  };
}

describe('normalizeAndMatch against the one-character-at-a-time reference', () => {
  it('gives the same units, text, offsets, joins and digit runs on random mixed text', () => {
    const r = rng(20261202);
    const automaton = AhoCorasick.compile(['机密', '密级', '兵力', '12', 'a7']);
    // One scratch for every call, as a scanner keeps it: shorter texts after longer ones reuse its buffers.
    const scratch: UnitScratch = { units: new Uint16Array(0) };
    const runs = new IntList();
    for (let k = 0; k < 800; k++) {
      const source = randomText(r);
      const sink = new MatchSink();
      const sut = normalizeAndMatch(source, automaton, sink, runs, scratch);
      const refRuns = new IntList();
      const ref = normalizeOneByOne(source, refRuns);
      const refSink = new MatchSink();
      automaton.findAllIn(ref.units, ref.length, refSink, ref.joins);
      expect({ source, ...(facts(sut, runs) as object) }).toEqual({ source, ...(facts(ref, refRuns) as object) });
      expect(Array.from(sink.data.subarray(0, sink.size))).toEqual(Array.from(refSink.data.subarray(0, refSink.size)));
    }
  });
});
