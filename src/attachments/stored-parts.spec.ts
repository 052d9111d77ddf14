import type { Coverage } from '@clearance/documents';
import { boundParts } from './stored-parts';

const coverage = (file: string): Coverage => ({ file, format: 'text', bytes: 0, examined: [], gaps: [], durationMs: 0 });
const attachment = (filename: string, texts: string[]) => ({
  filename, verdict: 'pass' as const, coverage: coverage(filename), parts: texts.map((text) => ({ location: { file: filename, part: 'body' as const }, text })),
});

describe('boundParts', () => {
  it('keeps everything under the cap and says nothing was cut', () => {
    const sut = boundParts([attachment('a', ['12', '34']), attachment('b', ['5'])], 5);
    expect(sut.map((s) => s.parts.map((p) => p.text))).toEqual([['12', '34'], ['5']]);
    expect(sut.map((s) => [s.summary.parts, s.summary.partsStored, s.summary.partsCapped])).toEqual([[2, 2, false], [1, 1, false]]);
  });

  it('cuts the part that crosses the cap, drops the rest, and marks every attachment that lost text', () => {
    const sut = boundParts([attachment('a', ['123', '4567']), attachment('b', ['89']), attachment('c', [])], 5);
    expect(sut.map((s) => s.parts.map((p) => p.text))).toEqual([['123', '45'], [], []]);
    expect(sut.map((s) => [s.summary.parts, s.summary.partsStored, s.summary.partsCapped])).toEqual([[2, 2, true], [1, 0, true], [0, 0, false]]);
  });
});
