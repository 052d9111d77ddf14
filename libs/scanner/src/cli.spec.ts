import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from './cli';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { code, out, err };
}

describe('scan CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scan-cli-'));
  const file = (name: string, content: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('exits 0 on a clean text from stdin', async () => {
    const sut = await run([], '确保公开的信息不涉密，涉密的信息不公开。');
    expect(sut.code).toBe(0);
    expect(sut.out).toMatch(/^stdin: PASS \(0 hits/);
  });

  it('exits 2 on a marking and prints line, column and highlighted context', async () => {
    const sut = await run([file('a.txt', '通知\n正文 机密★10年 其余')]);
    expect(sut.code).toBe(2);
    expect(sut.out).toContain('BLOCK');
    expect(sut.out).toContain('2:4  block  classified-marking  机密★10年');
    expect(sut.out).toContain('正文 >>机密★10年<< 其余');
  });

  it('exits 1 on personal information and prints the masking suggestion', async () => {
    const sut = await run([file('b.txt', '联系人手机13800138000')]);
    expect(sut.code).toBe(1);
    expect(sut.out).toContain('138****8000');
  });

  it('reads .html files as HTML and prints JSON with --format json', async () => {
    const sut = await run(['--format', 'json', file('c.html', '<p>秘密&starf;启用前</p>')]);
    expect(sut.code).toBe(2);
    const result = JSON.parse(sut.out) as { verdict: string; hits: Array<{ text: string; plainStart: number }> };
    expect(result.verdict).toBe('block');
    expect(result.hits[0].text).toBe('秘密&starf;启用前');
    expect(result.hits[0].plainStart).toBe(0);
  });

  it('adds --lexicon files and reports their errors as file:line', async () => {
    const lex = file('extra.tsv', '# extra\n测试禁词\tsensitive-term\tblock\n');
    expect((await run(['--lexicon', lex], '这里有测试禁词。')).code).toBe(2);
    const broken = file('broken.tsv', '好词\tsensitive-term\tblock\n坏词\tno-such\tblock\n');
    const sut = await run(['--lexicon', broken], 'x');
    expect(sut.code).toBe(3);
    expect(sut.err).toContain(`${broken}:2: unknown category "no-such"`);
  });

  it('names a missing file and an unknown option', async () => {
    const missing = await run([path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no such file: ');
    const unknown = await run(['--frobnicate']);
    expect(unknown.code).toBe(3);
    expect(unknown.err).toContain('unknown option: --frobnicate');
  });

  it('streams --jsonl, reports bad lines on stderr and goes on', async () => {
    const input = [
      JSON.stringify({ id: 1, text: '公开信息' }),
      '{not json',
      JSON.stringify({ id: 2, html: '<p>手机 138 0013 8000</p>' }),
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4, text: '绝密★长期' }),
    ].join('\n');
    const sut = await run(['--jsonl'], input);
    const lines = sut.out.trim().split('\n').map((l) => JSON.parse(l) as { id: number; verdict: string });
    expect(lines.map((l) => [l.id, l.verdict])).toEqual([
      [1, 'pass'],
      [2, 'review'],
      [4, 'block'],
    ]);
    expect(sut.err).toContain('line 2: not JSON');
    expect(sut.err).toContain('line 4: expected an object');
    expect(sut.code).toBe(3);
  });

  it('exits with the worst verdict of a clean --jsonl run', async () => {
    const sut = await run(['--jsonl', file('in.jsonl', `${JSON.stringify({ id: 'a', text: '内部资料 注意保存' })}\n`)]);
    expect(sut.code).toBe(1);
  });
});
