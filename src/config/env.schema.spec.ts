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

  it('gives attachment and extraction defaults, and refuses a per-file limit above the per-item one', () => {
    expect(loadConfig({})).toMatchObject({
      attachments: { maxBytes: 20 * 1024 * 1024, maxCount: 20, maxTotalBytes: 50 * 1024 * 1024 },
      extract: { concurrency: 1, timeoutSeconds: 120, memoryMb: 512, ocr: 'tesseract', tesseractPath: 'tesseract', ocrLanguages: 'chi_sim' },
    });
    expect(loadConfig({ OCR: 'off', ATTACHMENT_MAX_COUNT: '3' })).toMatchObject({ extract: { ocr: 'off' }, attachments: { maxCount: 3 } });
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '2000', ATTACHMENT_MAX_TOTAL_BYTES: '1000' })).toThrow(/ATTACHMENT_MAX_BYTES must not exceed/);
    expect(() => loadConfig({ OCR: 'yes', EXTRACT_MEMORY_MB: '1', OCR_LANGUAGES: 'chi_sim eng' })).toThrow(/EXTRACT_MEMORY_MB .*; OCR .*; OCR_LANGUAGES /);
  });

  it('runs 4 text scans at once per worker unless SCAN_CONCURRENCY says otherwise, from 1 to 64', () => {
    expect(loadConfig({}).scan).toEqual({ concurrency: 4 });
    expect(loadConfig({ SCAN_CONCURRENCY: '1' }).scan).toEqual({ concurrency: 1 });
    expect(() => loadConfig({ SCAN_CONCURRENCY: '0' })).toThrow(/SCAN_CONCURRENCY/);
  });

  it('needs PUBLIC_URL in production, and takes only a plain http(s) URL', () => {
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://127.0.0.1:4000');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/PUBLIC_URL must be set in production/);
    expect(loadConfig({ PUBLIC_URL: 'https://clearance.example.gov.cn/review/' }).publicUrl).toBe('https://clearance.example.gov.cn/review');
    for (const bad of ['ftp://x', 'https://u:p@x', 'https://x/?a=1', 'not a url']) expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ ATTACHMENT_LINK_TTL_SECONDS: '3600' }).publishing.attachmentLinkTtlSeconds).toBe(3600);
  });
});
