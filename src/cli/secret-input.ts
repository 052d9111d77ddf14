import { CliContext } from './cli-command';
import { ParsedArgs, UsageError } from './cli-args';

/** Reads the first line of standard input (without its line break); the rest is left unread. */
export function readLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const finish = (line: string) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      input.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      data += chunk.toString();
      const newline = data.indexOf('\n');
      if (newline >= 0) finish(data.slice(0, newline));
    };
    const onEnd = () => finish(data);
    const onError = (error: Error) => reject(error);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}

interface TerminalInput extends NodeJS.ReadableStream {
  setRawMode?(mode: boolean): unknown;
}

/** Asks on the terminal and reads the answer without echoing it; Ctrl-C gives up. */
export function hiddenPrompt(input: TerminalInput, output: NodeJS.WritableStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    output.write(question);
    input.setRawMode?.(true);
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/**
 * A password or secret for a command: `--<name>-stdin` reads the first line of standard input; without
 * it, a terminal is asked (nothing echoed); `--<name> <value>` still works for scripts, with a warning,
 * since the command line is visible to every user of the machine (ps) and kept in shell history.
 * Returns undefined when none is given and `required` is false (the command generates one).
 */
export async function secretArgument(args: ParsedArgs, ctx: Pick<CliContext, 'err' | 'input' | 'prompt'>, name: 'password' | 'secret', required: boolean): Promise<string | undefined> {
  const given = args.options.get(name);
  const fromStdin = args.flags.has(`${name}-stdin`);
  if (given && given.length > 1) throw new UsageError(`--${name} may be given once`);
  if (given && fromStdin) throw new UsageError(`--${name} and --${name}-stdin contradict each other`);
  if (given) {
    ctx.err(`warning: --${name} on the command line can be read by other users of this machine (ps) and stays in shell history; use --${name}-stdin`);
    return given[0];
  }
  if (fromStdin) {
    if (!ctx.input) throw new UsageError(`--${name}-stdin: there is no standard input to read`);
    const value = await readLine(ctx.input);
    if (value === '') throw new UsageError(`--${name}-stdin: standard input held no ${name}`);
    return value;
  }
  if (!required) return undefined;
  if (!ctx.prompt) throw new UsageError(`a ${name} is required: pipe it with --${name}-stdin (e.g. printf '%s\\n' "$PASSWORD" | npm run -s cli -- … --${name}-stdin), or run in a terminal to be asked`);
  const first = await ctx.prompt(`${name[0].toUpperCase()}${name.slice(1)}: `);
  const again = await ctx.prompt(`Repeat the ${name}: `);
  if (first !== again) throw new UsageError(`the two ${name}s differ`);
  if (first === '') throw new UsageError(`the ${name} is empty`);
  return first;
}
