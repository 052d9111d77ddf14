import { PassThrough } from 'node:stream';
import { AppLogger, redactSql } from './app-logger';

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

describe('redactSql', () => {
  it('replaces every literal of a statement, quotes inside them and a literal cut off at the end included', () => {
    const sut = redactSql(`insert into "api_clients" ("name", "callback_secret") values ('it''s', 'whsec_abc'), (E'a\\b', X'00ff') - SQLITE_CONSTRAINT`);
    expect(sut).toBe(`insert into "api_clients" ("name", "callback_secret") values ('?', '?'), ('?', '?') - SQLITE_CONSTRAINT`);
    expect(redactSql(`update "revisions" set "body" = '机密★10年 cut off here`)).toBe(`update "revisions" set "body" = '?'`);
  });

  it('hides the values PostgreSQL repeats in its detail', () => {
    const sut = redactSql('insert into "users" ("username") values (\'zhang\') - duplicate key value violates unique constraint "users_username_unique"\n - detail: Key (username)=(zhang) already exists.');
    expect(sut).not.toContain('zhang');
    expect(redactSql('Key (code)=(u1) is not present in table "units".')).toBe('Key (code)=(?) is not present in table "units".');
  });

  it('leaves text without SQL alone', () => {
    expect(redactSql("the channel's answer was 'ok'")).toBe("the channel's answer was 'ok'");
  });
});
