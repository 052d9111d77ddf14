import { ConfigError, loadConfig } from './env.schema';

describe('loadConfig', () => {
  it('gives the embedded defaults on an empty environment', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      port: 3000,
      role: 'all',
      database: { driver: 'sqlite', sqlitePath: './data/clearance.sqlite' },
      redis: { url: 'redis://127.0.0.1:6379' },
      queue: { prefix: 'clearance' },
    });
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database.driver).toBe('postgresql');
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', ROLE: 'both', REDIS_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'ROLE', 'REDIS_URL']) expect(message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('refuses a short JWT secret and a port out of range', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('reads LEXICON_UNITS as a list of unit codes', () => {
    expect(loadConfig({}).lexicon.units).toEqual([]);
    expect(loadConfig({ LEXICON_UNITS: 'bmb, u2 ,' }).lexicon.units).toEqual(['bmb', 'u2']);
    expect(() => loadConfig({ LEXICON_UNITS: 'bmb,保密局' })).toThrow(/LEXICON_UNITS/);
  });
});
