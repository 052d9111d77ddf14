export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  /** Options that take no value, e.g. --no-callback-origins. */
  flags: Set<string>;
}

/** `a b --role x --role y --unit u` → positional [a, b], options {role: [x, y], unit: [u]}; `flags` name the options without a value. */
export function parseArgs(argv: string[], known: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      given.add(name);
      continue;
    }
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options, flags: given };
}

export function single(args: ParsedArgs, name: string): string {
  const values = args.options.get(name);
  if (!values || values.length === 0) throw new UsageError(`--${name} is required`);
  if (values.length > 1) throw new UsageError(`--${name} may be given once`);
  return values[0];
}

/** An option that may be left out but not repeated. */
export function optional(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} may be given once`);
  return values?.[0];
}
