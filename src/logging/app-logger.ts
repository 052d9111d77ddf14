import { LoggerService } from '@nestjs/common';
import { AppConfig } from '../config/env.schema';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** One JSON line per event in production; a readable line in development. */
export class AppLogger implements LoggerService {
  private readonly minimum: number;

  constructor(private readonly options: AppConfig['log'], private readonly out: NodeJS.WritableStream = process.stdout) {
    this.minimum = LEVELS.indexOf(options.level);
  }

  log(message: unknown, ...rest: unknown[]): void { this.write('info', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.write('debug', message, rest); }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS.indexOf(level) < this.minimum) return;
    // Nest passes the context as the last string argument, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    for (const extra of rest) {
      if (typeof extra === 'string') fields.stack = extra;
      else if (extra instanceof Error) fields.stack = extra.stack;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
    }
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : undefined;
    const msg = text === undefined ? undefined : redactSql(text);
    if (message && typeof message === 'object' && !(message instanceof Error)) Object.assign(fields, message);
    for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') fields[key] = redactSql(value);
    const time = new Date().toISOString();
    if (this.options.format === 'json') {
      this.out.write(JSON.stringify({ time, level, context, msg, ...fields }) + '\n');
      return;
    }
    const { stack, ...others } = fields;
    const extras = Object.keys(others).length ? ' ' + JSON.stringify(others) : '';
    this.out.write(`${time} ${level.toUpperCase().padEnd(5)} ${context ? `[${context}] ` : ''}${msg ?? ''}${extras}\n`);
    if (stack) this.out.write(`${String(stack)}\n`);
  }
}

/** A statement as MikroORM and knex put it into an error message: with every parameter written inline. */
const SQL_STATEMENT = /\b(insert\s+into|update\s+\S+\s+set|delete\s+from|select\b[\s\S]*?\bfrom|values\s*\(|returning\b)/i;
/** A quoted literal ('' is a quote inside it), E'…' and X'…' included, or one cut off at the end of the text. */
const SQL_LITERAL = /(?<!\w)[EeXx]?'(?:[^']|'')*(?:'|$)/g;

/**
 * Failing queries reach the log in error messages and stacks with their values inlined (titles,
 * bodies, usernames, webhook secrets): every literal in text that holds SQL becomes '?'.
 */
export function redactSql(text: string): string {
  const literals = SQL_STATEMENT.test(text) ? text.replace(SQL_LITERAL, "'?'") : text;
  // PostgreSQL repeats values in its detail: "Key (username)=(alice) already exists", "Failing row contains (…)".
  return literals
    .replace(/(Key \([^)]*\)=)\((?:[^()]|\([^()]*\))*\)/g, '$1(?)')
    .replace(/(Failing row contains )\(.*\)/g, '$1(?)')
    .replace(/(\bdetail: ).*$/gm, '$1(values not logged)');
}
