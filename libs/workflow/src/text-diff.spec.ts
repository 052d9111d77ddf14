import { diffText, diffTokens, DiffSegment, splitLines } from './text-diff';

const oldSide = (segments: DiffSegment[]) => segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
const newSide = (segments: DiffSegment[]) => segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('');
const edits = (segments: DiffSegment[]) => segments.filter((s) => s.op !== 'equal').reduce((n, s) => n + [...s.text].length, 0);

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state / 0x7fffffff; };
}

describe('diffText', () => {
  it('finds the one changed character in a Chinese line', () => {
    const sut = diffText('联系电话：0817-2222222。\n请按要求办理。\n', '联系电话：0817-2222223。\n请按要求办理。\n');
    expect(sut.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '2', from: 16, to: 16 },
      { op: 'insert', text: '3', from: 17, to: 16 },
    ]);
  });

  it('reports an added and a removed line with their offsets on each side', () => {
    const sut = diffText('甲\n乙\n丙\n', '甲\n丙\n丁\n');
    expect(sut).toEqual([
      { op: 'equal', text: '甲\n', from: 0, to: 0 },
      { op: 'delete', text: '乙\n', from: 2, to: 2 },
      { op: 'equal', text: '丙\n', from: 4, to: 2 },
      { op: 'insert', text: '丁\n', from: 6, to: 4 },
    ]);
  });

  it('gives an empty list for equal texts, and one insert or delete against an empty text', () => {
    expect(diffText('同一段文字', '同一段文字')).toEqual([{ op: 'equal', text: '同一段文字', from: 0, to: 0 }]);
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增', from: 0, to: 0 }]);
    expect(diffText('删去', '')).toEqual([{ op: 'delete', text: '删去', from: 0, to: 0 }]);
  });

  it('keeps characters outside the basic plane whole', () => {
    const sut = diffText('𠀀甲', '𠀁甲');
    expect(oldSide(sut)).toBe('𠀀甲');
    expect(newSide(sut)).toBe('𠀁甲');
    expect(sut[0]).toEqual({ op: 'delete', text: '𠀀', from: 0, to: 0 });
  });

  it('rebuilds both texts from its segments, and each segment sits at its offsets, for random edits', () => {
    const next = random(7);
    const alphabet = ['甲', '乙', '丙', '\n', 'a', '机密', ' '];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const a = text(Math.floor(next() * 40));
      const chars = [...a];
      for (let e = Math.floor(next() * 6); e > 0; e--) {
        const at = Math.floor(next() * (chars.length + 1));
        if (next() < 0.5) chars.splice(at, 1); else chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]);
      }
      const b = chars.join('');
      const sut = diffText(a, b);
      expect(oldSide(sut)).toBe(a);
      expect(newSide(sut)).toBe(b);
      for (const s of sut) {
        if (s.op !== 'insert') expect(a.slice(s.from, s.from + s.text.length)).toBe(s.text);
        if (s.op !== 'delete') expect(b.slice(s.to, s.to + s.text.length)).toBe(s.text);
      }
    }
  });

  it('finds a shortest edit script on token lists', () => {
    // The classic example from Myers' paper: ABCABBA → CBABAC takes 5 edits.
    const script = diffTokens([...'ABCABBA'], [...'CBABAC'], 100);
    expect(script.filter((e) => e.op !== 'equal')).toHaveLength(5);
    expect(edits(diffText('ABCABBA', 'CBABAC'))).toBe(5);
  });

  it('stays bounded on large, wholly different inputs: a correct replacement rather than a minimal one', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `第${i}行\n`).join('');
    const b = Array.from({ length: 20_000 }, (_, i) => `第${i}条\n`).join('');
    const started = Date.now();
    const sut = diffText(a, b, { maxEdits: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(oldSide(sut)).toBe(a);
    expect(newSide(sut)).toBe(b);
  });

  it('splits lines keeping their breaks', () => {
    expect(splitLines('a\nb\n\nc')).toEqual(['a\n', 'b\n', '\n', 'c']);
    expect(splitLines('')).toEqual([]);
  });
});
