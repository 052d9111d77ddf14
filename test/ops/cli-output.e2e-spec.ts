import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/processes';
import { createTestEnvironment, TestEnvironment } from '../support/test-config';

const CLI = join(ROOT, 'dist', 'src', 'cli.js');

/** The built CLI through a pipe, as `docker compose exec api node dist/src/cli.js …` or a script reads it. */
describe('secrets the CLI prints once end its output with a newline', () => {
  let env: TestEnvironment;
  const run = (...argv: string[]) => spawnSync(process.execPath, [CLI, ...argv], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env.env }, encoding: 'utf8' });

  beforeAll(async () => {
    env = await createTestEnvironment();
    expect(run('unit:add', 'u1', '测试单位').status).toBe(0);
  });
  afterAll(() => env?.cleanup());

  it('client:add: the API key is the last line, newline-terminated', () => {
    const result = run('client:add', 'cms', '--unit', 'u1');
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trimEnd().split('\n').pop()).toMatch(/^clk_[A-Za-z0-9_-]{43}$/);
  });

  it('channel:add: a generated signing secret is the last line, newline-terminated', () => {
    const result = run('channel:add', 'portal', '--url', 'https://portal.example.gov.cn/hook');
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trimEnd().split('\n').pop()).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  });
});
