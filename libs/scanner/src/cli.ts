import { once } from 'node:events';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { extractText } from './extract/extracted-text';
import { LexiconError } from './lexicon/lexicon-error';
import { loadLexiconFile } from './lexicon/lexicon-parser';
import { Scanner } from './scanner';
import type { Format, Hit, LexiconEntry, ScanResult } from './types';
import { verdictExitCode } from './verdict';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Highlight with ANSI colours (a terminal) rather than >>brackets<<. */
  color?: boolean;
}

/** Exit codes: 0 pass, 1 review, 2 block, 3 usage or input error. */
export const EXIT_ERROR = 3;

const USAGE = `usage: scan [--lexicon FILE]… [--format text|json] [--html] [--jsonl] [--no-default] [FILE…]
  Scans each FILE (stdin when none); *.html/*.htm files, or all with --html, are read as HTML.
  --jsonl   read lines {"id","text"} or {"id","html"} (optional "title"), write {"id","verdict","hits"} per line
  exit code: 0 pass, 1 review, 2 block, 3 error`;

class UsageError extends Error {}

interface Options {
  lexicons: string[];
  format: 'text' | 'json';
  html: boolean;
  jsonl: boolean;
  includeDefault: boolean;
  files: string[];
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  const o: Options = { lexicons: [], format: 'text', html: false, jsonl: false, includeDefault: true, files: [] };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const value = (): string => {
      const v = argv[++k];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--lexicon') o.lexicons.push(value());
    else if (a.startsWith('--lexicon=')) o.lexicons.push(a.slice(10));
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = a === '--format' ? value() : a.slice(9);
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      o.format = f;
    } else if (a === '--jsonl') o.jsonl = true;
    else if (a === '--html') o.html = true;
    else if (a === '--no-default') o.includeDefault = false;
    else if (a === '--') {
      o.files.push(...argv.slice(k + 1));
      break;
    }
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else o.files.push(a);
  }
  return o;
}

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function lineColumn(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return [line, offset - lineStart + 1];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function formatHit(hit: Hit, source: string, plain: string | undefined, color: boolean): string {
  const [line, col] = lineColumn(source, hit.start);
  const [text, from, to] = plain !== undefined && hit.plainStart !== undefined ? [plain, hit.plainStart, hit.plainEnd ?? hit.plainStart] : [source, hit.start, hit.end];
  const mark = color ? (s: string) => `\x1b[1;31m${s}\x1b[0m` : (s: string) => `>>${s}<<`;
  const context = oneLine(text.slice(Math.max(0, from - 20), from)) + mark(oneLine(text.slice(from, to))) + oneLine(text.slice(to, to + 20));
  const lines = [`  ${hit.field === 'title' ? 'title ' : ''}${line}:${col}  ${hit.severity.padEnd(6)} ${hit.ruleId}  ${oneLine(hit.text)}`, `      ${context}`, `      ${hit.reason}`];
  if (hit.suggestion) lines.push(`      建议遮盖为：${hit.suggestion}`);
  return lines.join('\n');
}

function formatText(name: string, result: ScanResult, source: string, plain: string | undefined, color: boolean): string {
  const head = `${name}: ${result.verdict.toUpperCase()} (${result.hits.length} hit${result.hits.length === 1 ? '' : 's'}; lexicon ${result.lexiconVersion}, rules ${result.rulesVersion})`;
  const keywords = result.keywords.length > 0 ? [`  keywords: ${result.keywords.join(' ')}`] : [];
  return [head, ...result.hits.map((h) => formatHit(h, source, plain, color)), ...keywords].join('\n') + '\n';
}

async function scanJsonl(scanner: Scanner, input: Readable, io: CliIo, name: string): Promise<{ worst: number; bad: number }> {
  let worst = 0;
  let bad = 0;
  let lineNo = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      bad++;
      await write(io.stderr, `${name}: line ${lineNo}: not JSON\n`);
      continue;
    }
    const r = record as { id?: unknown; text?: unknown; html?: unknown; title?: unknown };
    const body = typeof r.html === 'string' ? r.html : r.text;
    if (record === null || typeof record !== 'object' || typeof body !== 'string' || (r.title !== undefined && typeof r.title !== 'string')) {
      bad++;
      await write(io.stderr, `${name}: line ${lineNo}: expected an object with a string "text" or "html"\n`);
      continue;
    }
    const result = scanner.scan({ body, format: typeof r.html === 'string' ? 'html' : 'text', title: r.title as string | undefined });
    worst = Math.max(worst, verdictExitCode(result.verdict));
    await write(io.stdout, JSON.stringify({ id: r.id ?? null, verdict: result.verdict, hits: result.hits }) + '\n');
  }
  return { worst, bad };
}

/** The scan command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (err) {
    await write(io.stderr, `scan: ${(err as Error).message}\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  if (options === 'help') {
    await write(io.stdout, USAGE + '\n');
    return 0;
  }
  const missing = options.files.find((f) => f !== '-' && !existsSync(f));
  if (missing) {
    await write(io.stderr, `scan: no such file: ${missing}\n`);
    return EXIT_ERROR;
  }
  let scanner: Scanner;
  try {
    const lexicons: LexiconEntry[][] = options.lexicons.map((f) => loadLexiconFile(f));
    scanner = Scanner.create({ lexicons, includeDefault: options.includeDefault, keywords: options.jsonl ? 0 : 8 });
  } catch (err) {
    if (!(err instanceof LexiconError)) throw err;
    await write(io.stderr, `scan: lexicon error: ${err.message}\n`);
    return EXIT_ERROR;
  }
  const inputs = options.files.length > 0 ? options.files : ['-'];
  const color = io.color ?? false;
  if (options.jsonl) {
    let worst = 0;
    let bad = 0;
    for (const f of inputs) {
      const r = await scanJsonl(scanner, f === '-' ? io.stdin : createReadStream(f), io, f === '-' ? 'stdin' : f);
      worst = Math.max(worst, r.worst);
      bad += r.bad;
    }
    if (bad > 0) await write(io.stderr, `scan: ${bad} bad line${bad === 1 ? '' : 's'} skipped\n`);
    return bad > 0 ? EXIT_ERROR : worst;
  }
  let worst = 0;
  const results: unknown[] = [];
  for (const f of inputs) {
    const source = f === '-' ? await readAll(io.stdin) : readFileSync(f, 'utf8');
    const format: Format = options.html || /\.html?$/i.test(f) ? 'html' : 'text';
    const result = scanner.scan({ body: source, format });
    worst = Math.max(worst, verdictExitCode(result.verdict));
    const name = f === '-' ? 'stdin' : f;
    if (options.format === 'json') results.push({ file: name, ...result });
    else {
      const plain = format === 'html' ? extractText(source, 'html').text : undefined;
      await write(io.stdout, formatText(name, result, source, plain, color));
    }
  }
  if (options.format === 'json') await write(io.stdout, JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  return worst;
}

if (require.main === module) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, color: process.stdout.isTTY === true }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`scan: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = EXIT_ERROR + 1;
    },
  );
}
