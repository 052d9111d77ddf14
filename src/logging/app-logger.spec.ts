import { PassThrough } from 'node:stream';
import { AppLogger } from './app-logger';

function capture(format: 'json' | 'pretty', level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { sut: new AppLogger({ format, level }, out), lines };
}

describe('AppLogger', () => {
  it('writes one JSON object per event in json format, with level, context and fields', () => {
    const { sut, lines } = capture('json');
    sut.log('listening', 'main');
    sut.error({ msg: 'unhandled error', errorId: 'e-1' }, 'http');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', context: 'main', msg: 'listening', time: expect.any(String) });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'error', context: 'http', msg: 'unhandled error', errorId: 'e-1' });
  });

  it('drops events below the configured level', () => {
    const { sut, lines } = capture('json', 'warn');
    sut.log('chatty');
    sut.debug('chattier');
    sut.warn('careful');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['careful']);
  });

  it('writes a readable line in pretty format', () => {
    const { sut, lines } = capture('pretty');
    sut.warn('redis: connect ECONNREFUSED', 'RedisService');
    expect(lines[0]).toMatch(/^\S+Z WARN {2}\[RedisService\] redis: connect ECONNREFUSED$/);
  });
});
