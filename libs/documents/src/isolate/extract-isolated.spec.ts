import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { extractIsolated } from './extract-isolated';

const BUILT = resolve(__dirname, '../../../../dist/libs/documents/src/isolate/extract-worker.js');

describe('extractIsolated', () => {
  it('runs in a child process from the build (npm test builds first)', () => {
    expect(existsSync(BUILT)).toBe(true);
  });

  it('returns the pieces and coverage of a file read in the worker', async () => {
    const zip = zipSync({ 'a.txt': strToU8('第一行\n机密★10年') });
    const sut = await extractIsolated(zip, '材料.zip');
    expect(sut.coverage).toMatchObject({ file: '材料.zip', format: 'zip', gaps: [] });
    expect(sut.pieces.map((p) => p.text)).toEqual(['第一行', '机密★10年']);
    expect(sut.pieces[1].location).toEqual({ file: '材料.zip', part: 'embedded', field: 'a.txt', inner: { file: 'a.txt', part: 'body', paragraph: 2 } });
  });

  it('leaves the caller its bytes (the child gets a copy)', async () => {
    const bytes = strToU8('公开内容');
    await extractIsolated(bytes, 'a.txt');
    expect(bytes.byteLength).toBe(12);
  });

  it('reports a file that needs more memory than allowed as over-limit, not clean', async () => {
    const line = '普通的公开文本，没有任何需要注意的内容。'.repeat(20) + '\n';
    const big = strToU8(line.repeat(60_000)); // ~75 MB of UTF-8 → far more as JS strings and pieces
    const sut = await extractIsolated(big, 'big.txt', { memoryMb: 32 });
    expect(sut.pieces).toEqual([]);
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'over-limit', location: { file: 'big.txt', part: 'unreadable' } })]);
  }, 60_000);
});
