import { ConfigError, loadConfig } from '../config/env.schema';

describe('METRICS_TOKEN and METRICS_PORT', () => {
  const base = { NODE_ENV: 'test', SECRETS_KEY: Buffer.alloc(32, 5).toString('base64') };
  const problems = (env: Record<string, string>): string => {
    try {
      loadConfig({ ...base, ...env });
      return '';
    } catch (error) {
      return (error as ConfigError).message;
    }
  };

  it('are optional', () => {
    expect(loadConfig(base).metrics).toEqual({ token: undefined, workerPort: undefined });
  });

  it('take a long token and a port that comes with it', () => {
    expect(loadConfig({ ...base, METRICS_TOKEN: 'a'.repeat(24), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'a'.repeat(24), workerPort: 9464 });
  });

  it('refuse a short token, a bad port, and a port without a token, naming the variable', () => {
    expect(problems({ METRICS_TOKEN: 'short' })).toMatch(/METRICS_TOKEN must be at least 24 characters/);
    expect(problems({ METRICS_TOKEN: 'a'.repeat(24), METRICS_PORT: '70000' })).toMatch(/METRICS_PORT must be an integer from 1 to 65535/);
    expect(problems({ METRICS_PORT: '9464' })).toMatch(/METRICS_PORT needs METRICS_TOKEN/);
  });
});
